// The account page in Chromium: changing the password (after refusing a wrong current one and a
// weak new one) signs the user out on every device, so a session opened elsewhere, or its cookie
// used against the API, no longer works; the old password is refused and the new one works.
// "Sign out everywhere" ends every session the same way.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership } from "@/lib/db/accounts";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { signInResponse } from "../support/session-login";
import { launchBrowser } from "./support/browser";

const EMAIL = "alex@example.com";
const OLD = "correct-horse-9";
const NEW = "a-brand-new-pass-8";

describe("Account: password and sessions", () => {
  let h: GatewayHarness;
  let browser: Browser;

  async function signIn(password: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${h.url}/login`);
    await page.getByLabel("Email").fill(EMAIL);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${h.url}/`);
    return { context, page };
  }

  /** Whether the session of this browser still opens the dashboard and the API. */
  async function stillSignedIn({ context, page }: { context: BrowserContext; page: Page }) {
    await page.goto(`${h.url}/requests`);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const api = await fetch(`${h.url}/api/v1/requests?limit=1`, { headers: { cookie } });
    return { page: !new URL(page.url()).pathname.startsWith("/login"), api: api.status };
  }

  beforeAll(async () => {
    h = await startGatewayHarness("server", "sqlite");
    await createUserWithMembership({ email: EMAIL, passwordHash: await hashPassword(OLD), workspaceSlug: "default", role: "member" }, h.t.db);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it("changes the password and signs out every session", async () => {
    const here = await signIn(OLD);
    const elsewhere = await signIn(OLD);
    expect(await stillSignedIn(elsewhere)).toEqual({ page: true, api: 200 });

    await here.page.getByRole("link", { name: EMAIL }).click();
    await here.page.waitForURL(`${h.url}/account`);
    const form = here.page.getByRole("form", { name: "Change password" });
    await form.getByLabel("Current password").fill("not-my-password-1");
    await form.getByLabel("New password").fill(NEW);
    await form.getByRole("button", { name: "Change password" }).click();
    await form.getByText("That is not your current password.").waitFor();
    await form.getByLabel("Current password").fill(OLD);
    await form.getByLabel("New password").fill("short");
    await form.getByRole("button", { name: "Change password" }).click();
    await form.getByText("Use at least 10 characters.").waitFor();
    await form.getByLabel("Current password").fill(OLD);
    await form.getByLabel("New password").fill(NEW);
    await form.getByRole("button", { name: "Change password" }).click();
    await here.page.waitForURL(/\/login\?signedOut=password-changed/);
    await here.page.getByText("Your password was changed").waitFor();

    expect(await stillSignedIn(elsewhere)).toEqual({ page: false, api: 401 });
    expect((await signInResponse(h.url, EMAIL, OLD)).headers.get("location")).toContain("error=CredentialsSignin");
    const again = await signIn(NEW);
    expect(await stillSignedIn(again)).toEqual({ page: true, api: 200 });
  });

  it("signs out everywhere", async () => {
    const here = await signIn(NEW);
    const elsewhere = await signIn(NEW);
    await here.page.goto(`${h.url}/account`);
    await here.page.getByRole("button", { name: "Sign out everywhere" }).click();
    await here.page.waitForURL(/\/login\?signedOut=everywhere/);
    await here.page.getByText("You were signed out on every device").waitFor();
    expect(await stillSignedIn(elsewhere)).toEqual({ page: false, api: 401 });
    expect(await stillSignedIn(await signIn(NEW))).toEqual({ page: true, api: 200 });
  });
});
