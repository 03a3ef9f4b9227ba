// "Forgot your password?" in Chromium, with a real SMTP server: the link arrives by email (and
// nothing for an unknown address, with the same answer on the page), a weak password is refused,
// the new one signs in while the old one and every open session are refused, the link works
// once, and requests are limited.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership } from "@/lib/db/accounts";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { type SmtpReceiver, startSmtpReceiver } from "../support/receivers";
import { signInResponse } from "../support/session-login";
import { launchBrowser } from "./support/browser";

const EMAIL = "forgetful@example.com";

describe("Forgot password", () => {
  let h: GatewayHarness;
  let smtp: SmtpReceiver;
  let browser: Browser;

  const newPage = async () => (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();

  async function askForLink(page: Page, email: string) {
    await page.goto(`${h.url}/login`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForURL(`${h.url}/forgot-password`);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a link" }).click();
  }

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    h = await startGatewayHarness("server", "sqlite", { SMTP_URL: smtp.url, ALERT_FROM: "Tollgate <tollgate@example.com>" });
    await createUserWithMembership({ email: EMAIL, passwordHash: await hashPassword("the-old-password-1"), workspaceSlug: "default", role: "member" }, h.t.db);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
    await smtp?.close();
  });

  it("emails a one-time link that sets a new password and ends every session", async () => {
    // A session open elsewhere, which the reset must end.
    const elsewhere = await newPage();
    await elsewhere.goto(`${h.url}/login`);
    await elsewhere.getByLabel("Email").fill(EMAIL);
    await elsewhere.getByLabel("Password").fill("the-old-password-1");
    await elsewhere.getByRole("button", { name: "Sign in" }).click();
    await elsewhere.waitForURL(`${h.url}/`);

    const page = await newPage();
    await askForLink(page, "not an email");
    await page.getByText("Enter a valid email address").waitFor();
    await page.getByLabel("Email").fill("nobody@example.com");
    await page.getByRole("button", { name: "Email me a link" }).click();
    const unknownAnswer = await page.getByRole("status").textContent();
    await askForLink(page, EMAIL.toUpperCase());
    expect((await page.getByRole("status").textContent())!.replace(EMAIL, "nobody@example.com")).toBe(unknownAnswer); // the same answer
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual([EMAIL]);
    expect(mail!.subject).toBe("Reset your Tollgate password");
    const link = /(http:\/\/\S+\/reset-password\/[\w-]+)/.exec(mail!.text)![1]!;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.mails).toHaveLength(1); // nothing went to the unknown address

    await page.goto(link);
    await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
    await page.locator("input[name=password]").fill("short");
    await page.getByRole("button", { name: "Set the new password" }).click();
    await page.getByText("Use at least 10 characters.").waitFor();
    await page.locator("input[name=password]").fill("the-new-password-2");
    await page.getByRole("button", { name: "Set the new password" }).click();
    await page.waitForURL(/\/login\?signedOut=password-changed/);
    await page.getByLabel("Password").fill("the-new-password-2");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${h.url}/`);

    expect((await signInResponse(h.url, EMAIL, "the-old-password-1")).headers.get("location")).toContain("error=CredentialsSignin");
    await elsewhere.goto(`${h.url}/requests`);
    expect(new URL(elsewhere.url()).pathname).toBe("/login");

    await page.goto(link);
    await page.getByRole("heading", { name: "Link not valid" }).waitFor();
  });

  it("limits requests for one email", async () => {
    const page = await newPage();
    for (let i = 0; i < 2; i++) {
      await askForLink(page, EMAIL); // with the first test's request: three in 15 minutes
      await page.getByRole("status").waitFor();
    }
    await askForLink(page, EMAIL);
    await page.getByText("Too many reset requests. Wait 15 minutes and try again.").waitFor();
    await smtp.waitFor(3);
  });
});
