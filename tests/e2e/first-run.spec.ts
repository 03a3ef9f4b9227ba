// A new user's first minutes, in real Chromium against the production build:
// set-up, sign-in, the empty dashboard, then demo data, then sign-out.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { seedDemoTraffic } from "../../scripts/lib/demo-traffic";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../support/test-db";
import { type RunningApp, startApp } from "../support/app";
import { launchBrowser } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe.each(DATABASE_KINDS)("first run on %s", (kind) => {
  let t: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    t = await createTestDatabase(kind, { migrations: [] }); // npm start applies the migrations itself
    app = await startApp(t.url);
  });
  afterAll(async () => {
    await app?.stop();
    await t?.drop();
  });

  it("sets up the owner, signs in, shows the dashboard and its data, and signs out", async () => {
    expect(app.output()).toMatch(/migrations applied/);
    const context = await browser.newContext();
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
    await page.getByRole("heading", { name: "No requests yet" }).waitFor();
    expect(await page.locator("pre").textContent()).toContain(`baseURL: "${app.url}/v1"`);

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
