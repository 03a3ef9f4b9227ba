// A new user's first minutes, in real Chromium against the production build: set-up, sign-in,
// the empty dashboard's "send your first request" (a key made in the browser, a snippet that
// works as copied, the request showing up by itself), then demo data, then sign-out.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { seedDemoTraffic } from "../../scripts/lib/demo-traffic";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../support/test-db";
import { type RunningApp, startApp } from "../support/app";
import { type FakeProviders, startFakeProviders } from "../support/fake-providers/server";
import { fakeProviderEnv } from "../support/gateway/harness";
import { launchBrowser } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe.each(DATABASE_KINDS)("first run on %s", (kind) => {
  let t: TestDatabase;
  let app: RunningApp;
  let fake: FakeProviders;

  beforeAll(async () => {
    t = await createTestDatabase(kind, { migrations: [] }); // npm start applies the migrations itself
    fake = await startFakeProviders();
    app = await startApp(t.url, fakeProviderEnv(fake));
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    await t?.drop();
  });

  it("sets up the owner, signs in, shows the dashboard and its data, and signs out", async () => {
    expect(app.output()).toMatch(/migrations applied/);
    const context = await browser.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
    const page = await context.newPage();

    await page.goto(`${app.url}/`);
    await page.waitForURL(`${app.url}/setup`);

    await page.getByLabel("Email").fill("owner@example.com");
    await page.getByLabel("Password").fill("password");
    await page.getByRole("button", { name: "Create owner account" }).click();
    await expect.poll(() => page.getByRole("alert").allTextContents()).toContain("Use at least 10 characters.");
    expect(await page.getByLabel("Email").inputValue()).toBe("owner@example.com");

    await page.getByLabel("Password").fill("correct-horse-battery-9");
    await page.getByRole("button", { name: "Create owner account" }).click();
    await page.waitForURL(/\/login\?setup=done/);
    await page.getByText("Your account is ready").waitFor();

    await page.getByLabel("Password").fill("wrong-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Wrong email or password.").waitFor();

    await page.getByLabel("Password").fill("correct-horse-battery-9");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${app.url}/`);
    const panel = page.getByRole("region", { name: "Send your first request" });
    await panel.waitFor();
    expect(await panel.locator("pre").textContent()).toContain(`base_url="${app.url}/v1"`);
    expect(await page.evaluate(() => document.querySelector('link[rel="icon"]')?.getAttribute("href"))).toMatch(/icon/);

    // A key made here fills every snippet; the cURL one, run as copied, is the first request.
    await panel.getByRole("button", { name: "Create an API key" }).click();
    const secret = (await panel.getByTestId("new-secret").textContent())!;
    expect(secret).toMatch(/^tg_/);
    await panel.getByRole("tab", { name: "cURL" }).click();
    await panel.getByRole("button", { name: "Copy cURL" }).click();
    const curl = await page.evaluate(() => navigator.clipboard.readText());
    expect(curl).toContain(`Bearer ${secret}`);
    const body = /-d '(.*)'$/s.exec(curl)![1]!;
    const sent = await fetch(`${app.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body });
    expect(sent.status).toBe(200);
    // The panel gives way to the request, with no reload.
    await page.getByRole("table", { name: "Requests" }).locator("tbody tr").first().waitFor({ timeout: 15_000 });
    expect(await panel.count()).toBe(0);
    expect((await fetch(`${app.url}/icon.svg`)).status).toBe(200);

    const cookie = (await context.cookies()).find((c) => c.name.includes("next-auth.session-token"));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    const workspace = await findOrCreateWorkspace("default", "Default", t.db);
    await seedDemoTraffic(t.db, workspace.id, { count: 200 });
    await page.reload();
    await page.getByRole("region", { name: "Cost by model" }).waitFor();
    expect(await page.getByRole("region", { name: "Cost by model" }).textContent()).toContain("gpt-4o-mini");
    expect(await page.getByRole("table", { name: "Requests" }).locator("tbody tr").count()).toBe(10);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\/login/);
    await context.close();
  });

  it("sends /setup to /login once an account exists", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/setup`);
    await page.waitForURL(/\/login/);
    await page.close();
  });
});
