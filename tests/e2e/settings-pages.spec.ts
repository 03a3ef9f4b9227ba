// Settings in Chromium: create an API key (its secret shown once), use it through the OpenAI
// SDK, revoke it and see the gateway refuse it within seconds; add a provider key that then
// serves the calls; price an unpriced model; set retention; the audit log records each change,
// and only admins can open it.
import OpenAI from "openai";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership } from "@/lib/db/accounts";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { launchBrowser } from "./support/browser";

describe("Settings → API keys, providers, pricing, retention and audit", () => {
  let h: GatewayHarness;
  let browser: Browser;

  beforeAll(async () => {
    h = await startGatewayHarness("server", "sqlite", { TOLLGATE_PRICE_OVERRIDE_TTL_MS: "200" });
    const passwordHash = await hashPassword("correct-horse-9");
    await createUserWithMembership({ email: "owner@example.com", passwordHash, workspaceSlug: "default", role: "owner" }, h.t.db);
    await createUserWithMembership({ email: "viewer@example.com", passwordHash, workspaceSlug: "default", role: "viewer" }, h.t.db);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function signIn(email: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${h.url}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("correct-horse-9");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${h.url}/`);
    return page;
  }

  const gatewayStatus = (secret: string) =>
    new OpenAI({ baseURL: `${h.url}/v1`, apiKey: secret, maxRetries: 0 }).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }).then(
      () => 200,
      (e: { status: number }) => e.status,
    );

  it("creates a key shown once, and a revoked key gets 401 at the gateway within seconds", async () => {
    const page = await signIn("owner@example.com");
    await page.goto(`${h.url}/settings/keys`);
    const form = page.getByRole("form", { name: "New API key" });
    await form.getByRole("button", { name: "Create key" }).click();
    await form.getByText("Name the key").waitFor();

    await form.getByLabel("Name").fill("checkout service");
    await form.getByLabel("Rate limit, requests a minute (optional)").fill("100");
    await form.getByLabel("Allowed models (optional)").fill("gpt-4o-mini");
    await form.getByRole("button", { name: "Create key" }).click();
    const secret = (await page.getByTestId("new-secret").textContent())!;
    expect(secret).toMatch(/^tg_/);
    const row = page.getByRole("table").locator("tr", { hasText: "checkout service" });
    expect(await row.textContent()).toContain(`${secret.slice(0, 11)}…`);
    expect(await row.textContent()).toContain("100 requests/min");
    expect(await row.textContent()).not.toContain(secret); // the list shows the prefix only
    await page.screenshot({ path: "test-results/settings-keys.png", fullPage: true });

    expect(await gatewayStatus(secret)).toBe(200);
    const refusedModel = await new OpenAI({ baseURL: `${h.url}/v1`, apiKey: secret, maxRetries: 0 }).chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }).catch((e: { status: number }) => e);
    expect(refusedModel).toMatchObject({ status: 403 });

    await row.getByLabel("Revoke checkout service").click();
    await row.getByRole("button", { name: "Revoke key" }).click();
    await page.getByRole("table").locator("tr", { hasText: "checkout service" }).filter({ hasText: "revoked" }).waitFor();
    const started = Date.now();
    while ((await gatewayStatus(secret)) !== 401) {
      expect(Date.now() - started).toBeLessThan(8000);
      await new Promise((r) => setTimeout(r, 250));
    }

    await page.getByRole("link", { name: "Audit log" }).click();
    const audit = page.getByRole("table", { name: "Changes, newest first" });
    await audit.waitFor();
    expect(await audit.locator("tr", { hasText: "key.created" }).textContent()).toContain("owner@example.com");
    expect(await audit.locator("tr", { hasText: "key.revoked" }).textContent()).toContain("checkout service");
    expect(await audit.textContent()).not.toContain(secret);
    await page.close();
  });

  it("adds a provider key that tests fine and then serves this workspace's calls", async () => {
    const page = await signIn("owner@example.com");
    await page.goto(`${h.url}/settings/providers`);
    const form = page.getByRole("form", { name: "Add a provider key" });
    await form.locator("select[name=provider]").selectOption("custom");
    await form.getByRole("button", { name: "Save key" }).click();
    await form.getByText("A custom provider needs its base URL (…/v1)").waitFor();
    await form.getByText("Paste the provider's API key").waitFor();

    await form.locator("select[name=provider]").selectOption("openai");
    await form.getByLabel("API key").fill("sk-workspace-openai-1234");
    await form.getByRole("button", { name: "Save key" }).click();
    await form.getByRole("status").filter({ hasText: "openai key saved (…1234)." }).waitFor();
    const row = page.getByRole("table", { name: "Provider keys in use" }).locator("tr", { hasText: "this workspace" });
    expect(await row.textContent()).toContain("…1234");
    expect(await page.content()).not.toContain("sk-workspace-openai-1234");

    await row.getByRole("button", { name: "Test the openai connection" }).click();
    await row.getByRole("status").filter({ hasText: /Connected: \d+ models available/ }).waitFor();
    await page.screenshot({ path: "test-results/settings-providers.png", fullPage: true });

    await new Promise((r) => setTimeout(r, 400)); // the gateway's provider-key cache (TOLLGATE_PROVIDER_KEY_TTL_MS)
    expect(await gatewayStatus(h.key)).toBe(200);
    expect(h.fake.requests().at(-1)!.headers.authorization).toBe("Bearer sk-workspace-openai-1234");
    await page.close();
  });

  it("lists an unpriced model and prices it in one click", async () => {
    const client = new OpenAI({ baseURL: `${h.url}/v1`, apiKey: h.key, maxRetries: 0 });
    const first = await client.chat.completions.create({ model: "gpt-house-special", messages: [{ role: "user", content: "hi" }] }).withResponse();
    expect((await h.row(first.response.headers.get("helicone-id")!)).costNanoUsd).toBeNull();

    const page = await signIn("owner@example.com");
    await page.goto(`${h.url}/settings/pricing`);
    const unpriced = page.getByRole("table", { name: "Unpriced models seen in the last 30 days" });
    await unpriced.getByRole("link", { name: "Set a price for gpt-house-special" }).click();
    const form = page.getByRole("form", { name: "Set a price" });
    await page.waitForURL(/model=gpt-house-special/);
    expect(await form.getByLabel("Model").inputValue()).toBe("gpt-house-special");
    await form.locator("input[name=input]").fill("-1");
    await form.getByRole("button", { name: "Save price" }).click();
    await form.getByText("A price cannot be negative").waitFor();
    await form.locator("input[name=input]").fill("2");
    await form.locator("input[name=output]").fill("8");
    await form.getByRole("button", { name: "Save price" }).click();
    await page.getByRole("status").filter({ hasText: "Price for openai/gpt-house-special saved." }).waitFor();
    await page.goto(`${h.url}/settings/pricing`);
    expect(await page.getByRole("table", { name: "Your prices (USD per million tokens)" }).locator("tr", { hasText: "gpt-house-special" }).textContent()).toContain("$8");
    await page.screenshot({ path: "test-results/settings-pricing.png", fullPage: true });

    // The gateway refreshes its price cache in the background once it is older than
    // TOLLGATE_PRICE_OVERRIDE_TTL_MS, so within a call or two the new price applies.
    let row;
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 300));
      const call = await client.chat.completions.create({ model: "gpt-house-special", messages: [{ role: "user", content: "hi" }] }).withResponse();
      row = await h.row(call.response.headers.get("helicone-id")!);
      if (row.costNanoUsd !== null) break;
    }
    expect(row!.costNanoUsd).toBe(BigInt(row!.promptTokens! * 2000 + row!.completionTokens! * 8000));
    await page.close();
  });

  it("sets retention after refusing an impossible one, and audits the change", async () => {
    const page = await signIn("owner@example.com");
    await page.goto(`${h.url}/settings/retention`);
    const form = page.getByRole("form", { name: "Retention" });
    await form.locator("input[name=bodyRetentionDays]").fill("90");
    await form.locator("input[name=rowRetentionDays]").fill("30");
    await form.getByRole("button", { name: "Save retention" }).click();
    await form.getByText("Bodies cannot be kept longer than the rows that hold them").waitFor();
    await form.locator("input[name=bodyRetentionDays]").fill("7");
    await form.locator("input[name=rowRetentionDays]").fill("abc");
    await form.getByRole("button", { name: "Save retention" }).click();
    await form.getByText("Enter a number of days for rows").waitFor();
    await form.locator("input[name=rowRetentionDays]").fill("30");
    await form.getByRole("button", { name: "Save retention" }).click();
    await form.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await page.reload();
    expect(await page.getByText("Bodies are kept").textContent()).toContain("7 days");
    const stored = await h.t.db.workspace.findUniqueOrThrow({ where: { id: h.workspaceId } });
    expect([stored.bodyRetentionDays, stored.rowRetentionDays]).toEqual([7, 30]);
    await page.goto(`${h.url}/settings/audit`);
    expect(await page.getByRole("table", { name: "Changes, newest first" }).locator("tr", { hasText: "retention.changed" }).textContent()).toContain('"rowRetentionDays":30');
    await page.close();
  });

  it("does not let a viewer create keys or read the audit log", async () => {
    const page = await signIn("viewer@example.com");
    await page.goto(`${h.url}/settings/keys`);
    await page.getByText("Viewers cannot create keys.").waitFor();
    expect(await page.getByRole("form", { name: "New API key" }).count()).toBe(0);
    // The page streams behind the dashboard's loading skeleton, so the refusal is Next's
    // not-found page rather than a 404 status.
    await page.goto(`${h.url}/settings/audit`);
    await page.getByText("This page could not be found.").waitFor();
    expect(await page.getByRole("table", { name: "Changes, newest first" }).count()).toBe(0);
    await page.close();
  });
});
