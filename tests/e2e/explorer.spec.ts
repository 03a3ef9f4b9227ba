// The request explorer as a tool: totals for the filter on screen (and the same from the API),
// paging with a total, shareable requests (the drawer's URL, a page per request, copy buttons),
// and a drawer that keeps keyboard focus until it is closed.
import OpenAI from "openai";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership } from "@/lib/db/accounts";
import { seedDemoTraffic } from "../../scripts/lib/demo-traffic";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { launchBrowser } from "./support/browser";

describe("request explorer", () => {
  let h: GatewayHarness;
  let browser: Browser;
  let liveId: string;

  beforeAll(async () => {
    h = await startGatewayHarness("server", "sqlite");
    await createUserWithMembership({ email: "analyst@example.com", passwordHash: await hashPassword("correct-horse-9"), workspaceSlug: "default", role: "owner" }, h.t.db);
    await seedDemoTraffic(h.t.db, h.workspaceId, { count: 400 });
    const client = new OpenAI({ baseURL: `${h.url}/v1`, apiKey: h.key, maxRetries: 0 });
    const { response } = await client.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Summarize the quarterly report" }] }, { headers: { "Helicone-Property-Workflow": "reporting", "Helicone-User-Id": "cfo" } })
      .withResponse();
    liveId = response.headers.get("x-request-id")!;
    await h.row(liveId);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function signedIn(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: h.url });
    const page = await context.newPage();
    await page.goto(`${h.url}/login`);
    await page.getByLabel("Email").fill("analyst@example.com");
    await page.getByLabel("Password").fill("correct-horse-9");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${h.url}/`);
    return page;
  }

  const api = async (path: string) => (await (await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${h.key}` } })).json()) as Record<string, unknown>;

  /** The strip's figure under a heading ("Requests", "Spend", …). */
  const stripValue = (page: Page, name: string) => page.getByRole("region", { name: "Totals for these filters" }).locator("div", { has: page.locator("dt", { hasText: new RegExp(`^${name}$`) }) }).locator("dd").first().textContent();

  it("shows totals for exactly the filter, the same the stats API returns", async () => {
    const page = await signedIn();
    for (const filter of ["", "property.workflow=research-agent", "status=error&provider=openai"]) {
      await page.goto(`${h.url}/requests?range=30d${filter ? `&${filter}` : ""}`);
      const stats = await api(`/api/v1/requests/stats?from=${encodeURIComponent(new Date(Date.now() - 30 * 86_400_000).toISOString())}${filter ? `&${filter}` : ""}`);
      expect(Number((await stripValue(page, "Requests"))!.replace(/,/g, ""))).toBe(stats.requests);
      const spend = (await stripValue(page, "Spend"))!;
      expect(Math.abs(Number(spend.replace(/[$,]/g, "")) - (stats.spendUsd as number))).toBeLessThan(0.01 + (stats.spendUsd as number) * 0.001);
      expect(await stripValue(page, "Error rate")).toBe(stats.errorRate === null ? "—" : `${((stats.errorRate as number) * 100).toFixed(1)}%`);
      // A window, or one property value in it, is read from the rollups: the p95 says it is approximate.
      expect(stats.p95Error).toBe(filter.startsWith("status") ? 0 : 0.02);
      const latency = await page.getByRole("region", { name: "Totals for these filters" }).locator("div", { has: page.locator("dt", { hasText: /^Latency avg \/ p95$/ }) }).textContent();
      expect(latency!.includes("p95 within ±2%, from hourly histograms")).toBe((stats.p95Error as number) > 0);
    }
    await page.close();
  });

  it("pages with a total, previous and next, and a page size, all in the URL", async () => {
    const page = await signedIn();
    await page.goto(`${h.url}/requests?range=30d&size=100`);
    const pages = page.getByRole("navigation", { name: "Pages" });
    const table = page.getByRole("table", { name: "Requests" });
    await expect.poll(() => table.locator("tbody tr").count()).toBe(100);
    expect(await pages.textContent()).toMatch(/Rows 1–100 of 401/);
    const firstPage = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")));

    await pages.getByRole("link", { name: "Next →" }).click();
    await page.waitForURL(/page=2/);
    await expect.poll(() => pages.textContent()).toMatch(/Rows 101–200 of 401/);
    const secondPage = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")));
    expect(secondPage.some((id) => firstPage.includes(id))).toBe(false);

    await pages.getByRole("link", { name: "Next →" }).click();
    await page.waitForURL(/page=3/);
    await pages.getByRole("link", { name: "← Previous" }).click();
    await page.waitForURL(/page=2/);
    await expect.poll(() => table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")))).toEqual(secondPage);
    await pages.getByRole("link", { name: "← Previous" }).click();
    await expect.poll(() => table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")))).toEqual(firstPage);

    await pages.getByRole("link", { name: "25" }).click();
    await page.waitForURL(/size=25/);
    await expect.poll(() => table.locator("tbody tr").count()).toBe(25);
    expect(await pages.textContent()).toMatch(/Rows 1–25 of 401/);
    await page.close();
  });

  it("opens a shared link's request, keeps focus in the drawer until Escape, and steps through the rows", async () => {
    const page = await signedIn();
    await page.goto(`${h.url}/requests?userId=cfo&request=${liveId}`);
    const drawer = page.getByRole("dialog", { name: "Request details" });
    await drawer.getByText("Summarize the quarterly report", { exact: true }).waitFor();
    // Focus is inside the dialog and Tab never leaves it.
    expect(await page.evaluate(() => document.activeElement?.closest("[role=dialog]") !== null)).toBe(true);
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.closest("[role=dialog]") !== null)).toBe(true);
    }
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "detached" });
    expect(new URL(page.url()).searchParams.has("request")).toBe(false);
    // Focus went back to the row the drawer showed.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-id"))).toBe(liveId);

    // Enter opens the focused row and puts it in the URL; Next and Previous follow the table.
    await page.goto(`${h.url}/requests?range=30d`);
    const rows = page.getByRole("table", { name: "Requests" }).locator("tbody tr");
    // Until the page is hydrated a key press does nothing: press again until the drawer opens.
    await expect
      .poll(async () => {
        await rows.first().focus();
        await page.keyboard.press("Enter");
        return drawer.isVisible();
      })
      .toBe(true);
    const ids = await rows.evaluateAll((r) => r.map((row) => row.getAttribute("data-id")));
    await expect.poll(() => new URL(page.url()).searchParams.get("request")).toBe(ids[0]);
    await drawer.getByRole("button", { name: "Next →" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("request")).toBe(ids[1]);
    await drawer.getByText(ids[1]!, { exact: true }).waitFor();
    await drawer.getByRole("button", { name: "← Previous" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("request")).toBe(ids[0]);
    await page.close();
  });

  it("gives every request its own page, with copy buttons and previous and next within the filter", async () => {
    const page = await signedIn();
    await page.goto(`${h.url}/requests?userId=cfo&request=${liveId}`);
    const drawer = page.getByRole("dialog", { name: "Request details" });
    await drawer.getByRole("link", { name: "Open page" }).click();
    await page.waitForURL(new RegExp(`/requests/${liveId}\\?userId=cfo`));
    await page.getByRole("heading", { name: "Request" }).waitFor();
    await page.getByText("Summarize the quarterly report", { exact: true }).waitFor();

    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await page.getByRole("button", { name: "Copy id" }).click();
    await expect.poll(clipboard).toBe(liveId);
    await page.getByRole("button", { name: "Copy prompt" }).click();
    await expect.poll(clipboard).toBe("user: Summarize the quarterly report");
    await page.getByRole("button", { name: "Copy response JSON" }).click();
    expect(JSON.parse(await clipboard())).toMatchObject({ object: "chat.completion", model: "gpt-4o-mini" });
    await page.getByRole("button", { name: "Copy cURL" }).click();
    const curl = await clipboard();
    expect(curl).toContain(`curl '${h.url}/v1/chat/completions'`);
    expect(curl).toContain("Bearer $TOLLGATE_API_KEY");
    // The command replays the call through the gateway as it stands.
    const body = /-d '(.*)'$/s.exec(curl)![1]!.replace(/'\\''/g, "'");
    const replayed = await fetch(`${h.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${h.key}`, "content-type": "application/json" }, body });
    expect(replayed.status).toBe(200);

    // Within ?userId=cfo there is nothing before or after it; within the whole log there is.
    expect(await page.getByRole("navigation", { name: "Request navigation" }).getByRole("link", { name: /Previous|Next/ }).count()).toBe(0);
    await page.goto(`${h.url}/requests/${liveId}?range=30d`);
    const next = page.getByRole("navigation", { name: "Request navigation" }).getByRole("link", { name: "Next →" });
    await next.click();
    await page.waitForURL((url) => url.pathname.startsWith("/requests/") && !url.pathname.endsWith(liveId));
    await page.getByRole("navigation", { name: "Request navigation" }).getByRole("link", { name: "← Previous" }).click();
    await page.waitForURL(new RegExp(`/requests/${liveId}`));
    expect((await page.goto(`${h.url}/requests/no-such-request`))?.status()).toBe(404);
    await page.close();
  });

  it("finds, sorts and pages sessions, with totals for those shown", async () => {
    const page = await signedIn();
    await page.goto(`${h.url}/sessions?range=30d&size=25`);
    const pages = page.getByRole("navigation", { name: "Pages" });
    const total = Number(/of ([\d,]+)/.exec((await pages.textContent())!)![1]!.replace(/,/g, ""));
    expect(total).toBeGreaterThan(25);
    expect(await pages.textContent()).toContain(`Rows 1–25 of ${total}`);
    await pages.getByRole("link", { name: "Next →" }).click();
    await page.waitForURL(/page=2/);
    expect(await pages.textContent()).toContain(`Rows 26–50 of ${total}`);

    // Sorted by spend, most first, as the session pages' own totals say.
    await page.goto(`${h.url}/sessions?range=30d&sort=spend`);
    const spends = (await page.locator("table tbody tr td:nth-child(4)").allTextContents()).map((t) => Number(t.replace(/[$,]/g, "")));
    expect(spends).toEqual([...spends].sort((a, b) => b - a));

    // A search narrows the list and the totals together.
    const first = (await page.locator("table tbody tr td:first-child").first().textContent())!.trim();
    await page.getByLabel("Id or name contains").fill(first);
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/q=/);
    const requests = Number((await page.locator("table tbody tr td:nth-child(3)").first().textContent())!.replace(/,/g, ""));
    const strip = page.getByRole("region", { name: "Totals for these sessions" });
    expect(Number((await strip.locator("dd").first().textContent())!.replace(/,/g, ""))).toBeGreaterThanOrEqual(requests);
    await page.close();
  });

  it("filters the Overview like the explorer, and its totals match the explorer's for the same filter", async () => {
    const page = await signedIn();
    await page.goto(`${h.url}/?range=30d`);
    const filters = page.getByRole("form", { name: "Filters" });
    await filters.getByRole("button", { name: "+ Property filter" }).click();
    await filters.getByLabel("Property", { exact: true }).selectOption("workflow");
    await filters.getByLabel("Value").fill("research-agent");
    await filters.getByLabel("Provider").fill("openai");
    await filters.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/property\.workflow=research-agent/);
    expect(new URL(page.url()).pathname).toBe("/");
    const totals = page.getByRole("region", { name: "Totals for these filters" });
    const tile = (label: string) => totals.locator("div", { has: page.getByText(label, { exact: true }) }).locator("p").nth(1).textContent();
    const overviewRequests = Number((await tile("Requests"))!.replace(/,/g, ""));
    const stats = await api(`/api/v1/requests/stats?property.workflow=research-agent&provider=openai&from=${encodeURIComponent(new Date(Date.now() - 30 * 86_400_000).toISOString())}`);
    expect(overviewRequests).toBe(stats.requests);
    expect(overviewRequests).toBeGreaterThan(0);
    // The charts follow the filter: only OpenAI's models in "Cost by model".
    const byModel = await page.getByRole("region", { name: "Cost by model" }).textContent();
    expect(byModel).not.toMatch(/claude|gemini|llama/);
    // "Cost by model" links to the explorer with the same filters.
    await page.getByRole("region", { name: "Cost by model" }).getByRole("link").first().click();
    await page.waitForURL(/\/requests\?.*property\.workflow=research-agent/);
    expect(new URL(page.url()).searchParams.get("provider")).toBe("openai");
    await page.close();
  });
});
