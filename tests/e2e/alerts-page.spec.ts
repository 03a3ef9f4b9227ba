// Settings → Alerts and Budgets in Chromium, end to end: create the seed's "daily spend > $50"
// with a webhook in the UI (after its field errors), send a test, drive real traffic past it
// through the OpenAI SDK, and watch the evaluator's event and delivery arrive in the history page.
// Then a budget set in the UI blocks the gateway.
import OpenAI from "openai";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership } from "@/lib/db/accounts";
import { verifySignature } from "@/lib/alerts/signature";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { type HttpReceiver, startHttpReceiver } from "../support/receivers";
import { launchBrowser } from "./support/browser";

describe("Settings → Alerts and Budgets", () => {
  let h: GatewayHarness;
  let receiver: HttpReceiver;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    receiver = await startHttpReceiver();
    h = await startGatewayHarness("server", "sqlite", { TOLLGATE_ALERTS_INTERVAL_MS: "1000", TOLLGATE_ALLOW_PRIVATE_WEBHOOKS: "1", TOLLGATE_PRICE_OVERRIDE_TTL_MS: "300" });
    await createUserWithMembership({ email: "owner@example.com", passwordHash: await hashPassword("correct-horse-9"), workspaceSlug: "default", role: "owner" }, h.t.db);
    // A negotiated (here: absurd) price, so two calls spend past $50: $2 per token either way.
    await h.t.db.priceOverride.create({ data: { workspaceId: h.workspaceId, provider: "openai", model: "gpt-4o", inputNanoPerMTok: 2_000_000_000_000_000n, outputNanoPerMTok: 2_000_000_000_000_000n } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${h.url}/login`);
    await page.getByLabel("Email").fill("owner@example.com");
    await page.getByLabel("Password").fill("correct-horse-9");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${h.url}/`);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
    await receiver?.close();
  });

  it("creates 'daily spend > $50' with a webhook, tests it, and shows the event once traffic passes it", async () => {
    await page.getByRole("link", { name: "Settings" }).click();
    await page.waitForURL(`${h.url}/settings/alerts`);
    await page.getByText("No alerts yet.").waitFor();
    const form = page.getByRole("form", { name: "New alert" });

    // Mistakes first: each gets its message on its field, and what was typed stays.
    await form.getByLabel("Name").fill("Daily spend");
    await form.getByLabel("Threshold").fill("-1");
    await form.getByLabel("Webhook URL (signed)").fill("not a url");
    await form.getByRole("button", { name: "Create alert" }).click();
    await form.getByText("The threshold cannot be negative").waitFor();
    await form.getByText("Enter an http:// or https:// URL").waitFor();
    expect(await form.getByLabel("Name").inputValue()).toBe("Daily spend");

    await form.getByLabel("Threshold").fill("50");
    await form.getByLabel("Metric").selectOption("spend");
    await form.getByLabel("Window").selectOption("calendar_day");
    await form.getByLabel("Webhook URL (signed)").fill(`${receiver.url}/hooks/tollgate`);
    await form.getByRole("button", { name: "Create alert" }).click();
    await page.getByRole("status").filter({ hasText: "Saved “Daily spend”." }).waitFor();
    const row = page.getByRole("table").locator("tr", { hasText: "Daily spend" });
    expect(await row.textContent()).toContain("Spend > $50.00 today");

    await row.getByRole("button", { name: "Send a test notification for Daily spend" }).click();
    await row.getByRole("status").filter({ hasText: "webhook delivered" }).waitFor();
    const [test] = await receiver.waitFor(1);
    expect(JSON.parse(test!.body)).toMatchObject({ type: "alert.test", source: { name: "Daily spend" } });
    await page.screenshot({ path: "test-results/settings-alerts.png", fullPage: true });

    // Real traffic through the gateway, priced past $50 by the override.
    const client = new OpenAI({ baseURL: `${h.url}/v1`, apiKey: h.key, maxRetries: 0 });
    for (let i = 0; i < 2; i++) await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "Plan the quarter" }] });

    const [, fired] = await receiver.waitFor(2, 20_000);
    const payload = JSON.parse(fired!.body);
    expect(payload).toMatchObject({ type: "alert.fired", source: { name: "Daily spend" }, threshold: 50 });
    expect(payload.value).toBeGreaterThan(50);
    const secret = (await h.t.db.workspace.findUniqueOrThrow({ where: { id: h.workspaceId } })).webhookSecret;
    expect(verifySignature(secret, String(fired!.headers["tollgate-signature"]), fired!.body)).toBe(true);

    await page.getByRole("link", { name: "Alert history" }).click();
    await page.waitForURL(`${h.url}/settings/alerts/history`);
    const history = page.getByRole("table", { name: "Events, newest first" });
    const firedRow = history.locator("tr", { hasText: "fired" });
    await firedRow.waitFor();
    expect(await firedRow.textContent()).toContain("Daily spend");
    expect(await firedRow.textContent()).toContain("webhook: delivered");
    expect(await history.locator("tr", { hasText: "test" }).count()).toBe(1);
    await page.screenshot({ path: "test-results/settings-alert-history.png", fullPage: true });

    // The row on the alerts page says it is firing; a few more ticks send nothing new.
    await page.goto(`${h.url}/settings/alerts`);
    expect(await page.getByRole("table").locator("tr", { hasText: "Daily spend" }).textContent()).toContain("firing");
    await new Promise((r) => setTimeout(r, 2500));
    expect(receiver.received).toHaveLength(2);
  });

  it("edits, disables, enables and deletes an alert", async () => {
    await page.goto(`${h.url}/settings/alerts`);
    const row = () => page.getByRole("table").locator("tr", { hasText: "Daily spend" });
    await row().getByRole("link", { name: "Edit Daily spend" }).click();
    const form = page.getByRole("form", { name: "Edit alert" });
    expect(await form.getByLabel("Threshold").inputValue()).toBe("50");
    await form.getByLabel("Threshold").fill("75");
    await form.getByRole("button", { name: "Save alert" }).click();
    await page.getByRole("status").filter({ hasText: "Saved “Daily spend”." }).waitFor();
    expect(await row().textContent()).toContain("Spend > $75.00 today");

    await row().getByRole("button", { name: "Disable Daily spend" }).click();
    await row().getByRole("button", { name: "Enable Daily spend" }).waitFor();
    expect(await row().textContent()).toContain("disabled");
    await row().getByRole("button", { name: "Enable Daily spend" }).click();
    await row().getByRole("button", { name: "Disable Daily spend" }).waitFor();

    await row().getByLabel("Delete Daily spend").click();
    await row().getByRole("button", { name: "Delete alert" }).click();
    await page.getByText("No alerts yet.").waitFor();
  });

  it("creates a budget in the UI that the gateway then enforces", async () => {
    await page.goto(`${h.url}/settings/budgets`);
    const form = page.getByRole("form", { name: "New budget" });
    await form.getByLabel("Name").fill("Intern cap");
    await form.getByLabel("Limit (USD)").fill("1");
    await form.locator("select[name=period]").selectOption("day");
    await form.locator("select[name=scope]").selectOption("user");
    await form.getByLabel("User id (empty: each user)").fill("intern");
    await form.getByRole("button", { name: "Create budget" }).click();
    await page.getByRole("status").filter({ hasText: "Saved “Intern cap”." }).waitFor();
    expect(await page.getByRole("table").locator("tr", { hasText: "Intern cap" }).textContent()).toContain("user intern");
    await page.screenshot({ path: "test-results/settings-budgets.png", fullPage: true });

    await new Promise((r) => setTimeout(r, 400)); // the gateway's budget cache (TOLLGATE_BUDGET_TTL_MS in the harness)
    const client = new OpenAI({ baseURL: `${h.url}/v1`, apiKey: h.key, maxRetries: 0 });
    const refused = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "One more plan" }] }, { headers: { "Helicone-User-Id": "intern" } }).catch((e: InstanceType<typeof OpenAI.APIError>) => e);
    expect(refused).toMatchObject({ status: 429, error: { type: "budget_exceeded" } });
    // Someone else is not held back by the intern's budget.
    await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }, { headers: { "Helicone-User-Id": "manager" } });
  });
});
