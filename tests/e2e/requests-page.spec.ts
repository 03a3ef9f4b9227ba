// The Requests page as people use it every day: filter by a property in the UI, share the URL,
// open a request and read its prompt.
import OpenAI from "openai";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership } from "@/lib/db/accounts";
import { seedDemoTraffic } from "../../scripts/lib/demo-traffic";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { launchBrowser } from "./support/browser";

describe("Requests page", () => {
  let h: GatewayHarness;
  let browser: Browser;

  beforeAll(async () => {
    h = await startGatewayHarness("server", "sqlite");
    await createUserWithMembership({ email: "viewer@example.com", passwordHash: await hashPassword("correct-horse-9"), workspaceSlug: "default", role: "owner" }, h.t.db);
    await seedDemoTraffic(h.t.db, h.workspaceId, { count: 300 });
    const client = new OpenAI({ baseURL: `${h.url}/v1`, apiKey: h.key, maxRetries: 0 });
    const { response } = await client.chat.completions
      .create(
        { model: "gpt-4o-mini", messages: [{ role: "user", content: "Find the pelican migration routes" }] },
        { headers: { "Helicone-Property-Workflow": "bird-watch", "Helicone-User-Id": "ornithologist", "Helicone-Session-Id": "trip-1", "Helicone-Session-Path": "/plan/routes", "Helicone-Session-Name": "Pelican trip" } },
      )
      .withResponse();
    await h.row(response.headers.get("helicone-id")!);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it("filters by a property, keeps the filter in the URL, and shows the conversation", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${h.url}/login`);
    await page.getByLabel("Email").fill("viewer@example.com");
    await page.getByLabel("Password").fill("correct-horse-9");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${h.url}/`);

    await page.getByRole("link", { name: "Requests" }).click();
    await page.waitForURL(`${h.url}/requests`);
    const table = page.getByRole("table", { name: "Requests" });
    await expect.poll(() => table.locator("tbody tr").count()).toBe(50);

    await page.getByRole("button", { name: "+ Property filter" }).click();
    await page.getByLabel("Property", { exact: true }).selectOption("workflow");
    await page.getByLabel("Value").fill("bird-watch");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/property\.workflow=bird-watch/);
    await expect.poll(() => table.locator("tbody tr").count()).toBe(1);
    const url = page.url();

    await page.goto(url);
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(1);
    expect(await table.locator("tbody tr").first().textContent()).toContain("ornithologist");

    await table.locator("tbody tr").first().click();
    const drawer = page.getByRole("dialog", { name: "Request details" });
    await drawer.getByText("Find the pelican migration routes", { exact: true }).waitFor();
    expect(await drawer.textContent()).toContain("bird-watch");
    await page.screenshot({ path: "test-results/requests-drawer.png" });
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "detached" });

    // The cost page's figure for the workflow matches the query API's cost for its request.
    const api = (await (await fetch(`${h.url}/api/v1/requests?property.workflow=bird-watch`, { headers: { authorization: `Bearer ${h.key}` } })).json()) as { data: { costUsd: number }[] };
    await page.goto(`${h.url}/cost?range=7d&by=property:workflow`);
    const costTable = page.getByRole("table", { name: "Spend by workflow" });
    const birdRow = costTable.locator("tr", { hasText: "bird-watch" });
    const spend = Number((await birdRow.locator("td").nth(1).textContent())!.replace("$", ""));
    expect(Math.abs(spend - api.data[0]!.costUsd) / api.data[0]!.costUsd).toBeLessThan(0.001); // shown to 4 significant digits
    await page.screenshot({ path: "test-results/cost.png" });

    // Users: the list, then one user with their requests.
    await page.goto(`${h.url}/users?sort=lastSeen`);
    await page.getByRole("link", { name: "ornithologist" }).click();
    await page.getByRole("heading", { name: "ornithologist" }).waitFor();
    expect(await page.getByRole("table", { name: "Requests" }).locator("tbody tr").count()).toBe(1);
    await page.screenshot({ path: "test-results/user.png" });

    // Properties: the keys, then one key's values, linking back to the requests.
    await page.goto(`${h.url}/properties`);
    await page.getByRole("link", { name: "workflow" }).click();
    await page.getByRole("heading", { name: "workflow" }).waitFor();
    await page.getByRole("link", { name: "bird-watch" }).click();
    await page.waitForURL(/property\.workflow=bird-watch/);
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(1);

    // Sessions: the list, then the session as a tree of its paths.
    await page.goto(`${h.url}/sessions`);
    await page.getByRole("link", { name: "trip-1" }).click();
    await page.getByRole("heading", { name: "Pelican trip" }).waitFor();
    expect(await page.getByRole("region", { name: "Session tree" }).textContent()).toContain("/plan/routes");
    await page.screenshot({ path: "test-results/session.png" });

    // Rate limits: charts from the demo traffic's provider 429s and the stored headers.
    await page.goto(`${h.url}/rate-limits`);
    await page.getByRole("figure", { name: "Rate-limited requests per day" }).waitFor();
    await page.getByRole("figure", { name: "Lowest remaining requests reported" }).waitFor();
    expect(await page.getByRole("table", { name: "Requests" }).locator("tbody tr").count()).toBeGreaterThan(0);
    await page.screenshot({ path: "test-results/rate-limits.png" });

    await page.goto(`${h.url}/requests?status=error`);
    await table.waitFor();
    const statuses = await table.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => Number(s) >= 400)).toBe(true);
    await page.close();
  });
});
