// The Requests page as people use it every day: filter by a property in the UI, share the URL,
// open a request and read its prompt.
import OpenAI from "openai";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { context, trace } from "@opentelemetry/api";
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

  async function signedIn(options: { width?: number; colorScheme?: "light" | "dark" } = {}) {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1440, height: 900 }, colorScheme: options.colorScheme ?? "light", acceptDownloads: true });
    await page.goto(`${h.url}/login`);
    await page.getByLabel("Email").fill("viewer@example.com");
    await page.getByLabel("Password").fill("correct-horse-9");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${h.url}/`);
    return page;
  }

  it("filters by a property, keeps the filter in the URL, and shows the conversation", async () => {
    const page = await signedIn();

    await page.getByRole("link", { name: "Requests" }).click();
    await page.waitForURL(`${h.url}/requests`);
    const table = page.getByRole("table", { name: "Requests" });
    await expect.poll(() => table.locator("tbody tr").count()).toBe(50);

    await page.getByRole("button", { name: "+ Property filter" }).click();
    await page.getByLabel("Property", { exact: true }).selectOption("workflow");
    await expect.poll(() => page.locator("#property-values-0 option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toContain("bird-watch");
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

    // One click from the research-agent pipeline to its cost per step; the total carries over.
    const pipeline = (await costTable.locator("tr", { hasText: "research-agent" }).locator("td").nth(1).textContent())!;
    await page.getByRole("link", { name: "Break research-agent down by step" }).click();
    await page.waitForURL(/property\.workflow=research-agent/);
    expect(new URL(page.url()).searchParams.get("by")).toBe("property:step");
    expect(await page.locator("select[name=by]").inputValue()).toBe("property:step"); // the form follows the URL
    const steps = page.getByRole("table", { name: "Spend by step" });
    expect(await steps.locator("tbody tr").count()).toBe(4); // plan, search, summarize, answer
    expect(await page.getByText(/over the last 7d/).first().textContent()).toContain(pipeline);
    await page.screenshot({ path: "test-results/cost-research-agent-steps.png" });

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

    // Sessions: found by name, then the session as a timeline of its paths; a bar opens its request.
    await page.goto(`${h.url}/sessions?q=Pelican`);
    await page.getByRole("link", { name: "trip-1" }).click();
    await page.getByRole("heading", { name: "Pelican trip" }).waitFor();
    const timeline = page.getByRole("region", { name: "Session timeline" });
    expect(await timeline.textContent()).toContain("/plan/routes");
    await timeline.getByRole("button", { name: /gpt-4o-mini/ }).click();
    await timeline.getByText("Find the pelican migration routes", { exact: true }).waitFor();
    await page.screenshot({ path: "test-results/session.png" });

    // Rate limits: charts from the demo traffic's provider 429s and the stored headers.
    await page.goto(`${h.url}/rate-limits`);
    await page.getByRole("figure", { name: "Rate-limited requests per day" }).waitFor();
    await page.getByRole("figure", { name: "Lowest headroom reported, % of the limit left, per day" }).waitFor();
    expect(await page.getByRole("table", { name: "Requests" }).locator("tbody tr").count()).toBeGreaterThan(0);
    await page.screenshot({ path: "test-results/rate-limits.png" });

    await page.goto(`${h.url}/requests?status=error`);
    await table.waitFor();
    const statuses = await table.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => Number(s) >= 400)).toBe(true);
    await page.close();
  });

  it("overview charts, a custom time range, server-side sort, export, keyboard and live mode", async () => {
    const page = await signedIn();

    // Overview: the tiles and charts of the default window, and top values of a chosen property.
    await page.getByText("p95 latency").waitFor();
    for (const chart of ["Spend per day", "Requests by status per day", "Latency p50 and p95 per day (ms, within ±2%)"]) await page.getByRole("figure", { name: chart }).waitFor();
    // The last 7 days start and end inside a day: those two days are marked as partial.
    expect(await page.getByRole("figure", { name: "Spend per day" }).textContent()).toContain("The window starts or ends inside this bucket");
    const topOf = page.getByLabel("Top values of");
    if ((await topOf.getByRole("link", { name: "workflow", exact: true }).count()) > 0) {
      await topOf.getByRole("link", { name: "workflow", exact: true }).click();
      await page.waitForURL(/property=workflow/);
    }
    expect(await page.getByRole("region", { name: "Top values of workflow" }).textContent()).toContain("research-agent");
    await page.screenshot({ path: "test-results/overview.png", fullPage: true });

    // A custom range picked in the UI lands in the URL and narrows the cost page.
    await page.goto(`${h.url}/cost`);
    await page.locator("select[name=range]").selectOption("custom");
    const today = new Date().toISOString().slice(0, 10);
    await page.locator("input[name=from]").fill(today);
    await page.locator("input[name=to]").fill(today);
    await page.locator("select[name=granularity]").selectOption("hour");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/range=custom/);
    expect(new URL(page.url()).searchParams.get("from")).toBe(today);
    await page.getByRole("figure", { name: "Spend by model per hour" }).waitFor();
    await page.screenshot({ path: "test-results/cost-custom-range.png" });

    // Sorting by cost is done by the server: the first page holds the most expensive requests.
    await page.goto(`${h.url}/requests`);
    const table = page.getByRole("table", { name: "Requests" });
    await page.getByRole("link", { name: /^Sort by Cost/ }).click();
    await page.waitForURL(/sort=cost&dir=desc/);
    await expect.poll(async () => (await table.locator("tbody tr td:nth-child(5)").first().textContent()) ?? "").toMatch(/\$/);
    const costs = (await table.locator("tbody tr td:nth-child(5)").allTextContents()).filter((c) => c.includes("$")).map((c) => Number(c.replace(/[$,]/g, "")));
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
    const api = (await (await fetch(`${h.url}/api/v1/requests?sort=cost&limit=1&from=${new Date(Date.now() - 7 * 86_400_000).toISOString()}`, { headers: { authorization: `Bearer ${h.key}` } })).json()) as { data: { id: string; costUsd: number }[] };
    expect(costs[0]).toBeCloseTo(api.data[0]!.costUsd, 4);

    // Export of the current filter, as the CSV a spreadsheet opens.
    await page.goto(`${h.url}/requests?property.workflow=bird-watch`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV" }).click()]);
    const csv = (await import("node:fs")).readFileSync((await download.path())!, "utf8").trimEnd().split("\r\n");
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain("ornithologist");

    // Keyboard: arrows move between rows, Enter opens the drawer, Escape closes it.
    await page.goto(`${h.url}/requests`);
    await table.locator("tbody tr").first().focus();
    await page.keyboard.press("ArrowDown");
    const second = await table.locator("tbody tr").nth(1).locator("td").first().textContent();
    await page.keyboard.press("Enter");
    const drawer = page.getByRole("dialog", { name: "Request details" });
    await drawer.waitFor();
    await expect.poll(() => drawer.textContent()).toContain(second!.trim());
    await page.keyboard.press("Escape");

    // Live mode: a request sent now shows up without reloading.
    await page.goto(`${h.url}/requests?userId=live-watcher`);
    await page.getByRole("link", { name: "Go live" }).click();
    await page.waitForURL(/live=1/);
    await page.getByText("No requests match").waitFor();
    const client = new OpenAI({ baseURL: `${h.url}/v1`, apiKey: h.key, maxRetries: 0 });
    await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Are you live?" }] }, { headers: { "Helicone-User-Id": "live-watcher" } });
    await expect.poll(() => table.locator("tbody tr").count(), { timeout: 15_000, interval: 500 }).toBe(1);
    await page.close();
  });

  it("opens an alert link scoped to one API key, keeps that scope while filtering, and clears it", async () => {
    const key = await h.t.db.apiKey.findFirstOrThrow({ where: { workspaceId: h.workspaceId } });
    const calls = await h.t.db.request.count({ where: { workspaceId: h.workspaceId, apiKeyId: key.id } });
    expect(calls).toBeGreaterThan(0); // the SDK calls above; the seeded traffic has no key
    const page = await signedIn();
    await page.goto(`${h.url}/requests?apiKeyId=${key.id}`);
    const table = page.getByRole("table", { name: "Requests" });
    await expect.poll(() => table.locator("tbody tr").count()).toBe(calls);
    const scope = page.getByRole("group", { name: "API key filter" });
    expect(await scope.textContent()).toContain(key.id);
    // Another filter keeps the key's scope.
    await page.locator("input[name=userId]").fill("ornithologist");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/userId=ornithologist/);
    expect(page.url()).toContain(`apiKeyId=${key.id}`);
    await expect.poll(() => table.locator("tbody tr").count()).toBe(1);
    await scope.getByRole("button", { name: "Clear" }).click();
    await page.waitForURL((url) => !url.searchParams.has("apiKeyId"));
    expect(new URL(page.url()).searchParams.get("userId")).toBe("ornithologist");
    await page.close();
  });

  it("opens a user's page for an empty window, and answers 404 for a user never seen", async () => {
    const page = await signedIn();
    const empty = await page.goto(`${h.url}/users/ornithologist?range=custom&from=2020-01-01&to=2020-01-02`);
    expect(empty?.status()).toBe(200);
    await page.getByText("no requests in this window: pick a longer one").waitFor();
    const full = await page.goto(`${h.url}/users/ornithologist`);
    expect(full?.status()).toBe(200);
    await page.getByRole("heading", { name: "ornithologist" }).waitFor();
    expect((await page.goto(`${h.url}/users/nobody-ever`))?.status()).toBe(404);
    expect((await page.goto(`${h.url}/properties/workflow?range=custom&from=2020-01-01&to=2020-01-02`))?.status()).toBe(200);
    await page.getByText("No request used workflow in this window").waitFor();
    expect((await page.goto(`${h.url}/properties/never-used-key`))?.status()).toBe(404);
    expect((await page.goto(`${h.url}/sessions/trip-1`))?.status()).toBe(200);
    expect((await page.goto(`${h.url}/sessions/no-such-trip`))?.status()).toBe(404);
    await page.close();
  });

  it("shows calls an app reported over OpenTelemetry: in the explorer with their conversation, and their trace as a session", async () => {
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ "service.name": "triage-bot" }),
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${h.url}/v1/traces`, headers: { authorization: `Bearer ${h.key}` } }))],
    });
    const tracer = provider.getTracer("app");
    const root = tracer.startSpan("triage");
    const call = tracer.startSpan(
      "chat gpt-4o",
      {
        attributes: {
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.usage.input_tokens": 1200,
          "gen_ai.usage.output_tokens": 300,
          "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: "Which ticket is most urgent?" }] }]),
          "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: "Ticket 42: the outage." }] }]),
          "user.id": "support-lead",
        },
      },
      trace.setSpan(context.active(), root),
    );
    call.end();
    root.end();
    await provider.shutdown();
    const traceId = call.spanContext().traceId;
    // The export was answered once the rows were queued; they are written within a flush.
    await expect.poll(() => h.t.db.request.count({ where: { sessionId: traceId } }), { timeout: 10_000 }).toBe(1);
    const row = await h.t.db.request.findFirstOrThrow({ where: { sessionId: traceId } });
    expect(row).toMatchObject({ path: "/v1/traces", userId: "support-lead", costNanoUsd: BigInt(1200 * 2500 + 300 * 10_000) });

    const page = await signedIn();
    await page.goto(`${h.url}/requests?userId=support-lead`);
    const table = page.getByRole("table", { name: "Requests" });
    await expect.poll(() => table.locator("tbody tr").count()).toBe(1);
    // gpt-4o: $2.50 / $10 per million tokens.
    expect(await table.locator("tbody tr").first().locator("td", { hasText: /^\$/ }).textContent()).toBe("$0.006");
    await table.locator("tbody tr").first().click();
    const drawer = page.getByRole("dialog", { name: "Request details" });
    await drawer.getByText("Which ticket is most urgent?", { exact: true }).waitFor();
    await drawer.getByText("Ticket 42: the outage.", { exact: true }).waitFor();
    await page.screenshot({ path: "test-results/otel-request-drawer.png" });
    await page.keyboard.press("Escape");

    expect((await page.goto(`${h.url}/sessions/${traceId}`))?.status()).toBe(200);
    await page.getByRole("heading", { name: "triage-bot" }).waitFor();
    const tree = page.getByRole("region", { name: "Session timeline" });
    await tree.getByText("triage").first().waitFor();
    expect(await tree.textContent()).toContain("chat gpt-4o");
    await page.screenshot({ path: "test-results/otel-session.png" });
    await page.close();
  });

  it("reads well at laptop width in dark mode", async () => {
    const page = await signedIn({ width: 1280, colorScheme: "dark" });
    await page.getByRole("figure", { name: "Spend per day" }).waitFor();
    // Nothing but the wide request table may scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe("rgb(255, 255, 255)");
    await page.screenshot({ path: "test-results/overview-dark-1280.png", fullPage: true });
    await page.goto(`${h.url}/requests`);
    await page.getByRole("table", { name: "Requests" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await page.screenshot({ path: "test-results/requests-dark-1280.png" });
    await page.close();
  });
});
