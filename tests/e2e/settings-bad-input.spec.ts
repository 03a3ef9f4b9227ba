// Every settings form, fed oversized and odd values in every text field, answers on the same
// page with field errors: never a server error, never a crash page.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership } from "@/lib/db/accounts";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { launchBrowser } from "./support/browser";

/** Each settings page and the accessible name of its form. */
const FORMS = [
  ["/settings/alerts", "New alert"],
  ["/settings/budgets", "New budget"],
  ["/settings/members", "Invite a member"],
  ["/settings/keys", "New API key"],
  ["/settings/providers", "Add a provider key"],
  ["/settings/pricing", "Set a price"],
  ["/settings/retention", "Retention"],
  // Delete before the name: a rename to one of the odd values would let that value confirm it.
  ["/settings/workspace", "Delete workspace"],
  ["/settings/workspace", "Workspace name"],
  ["/settings/workspace", "Workspace time zone"],
] as const;

const ODD_VALUES = ["x".repeat(20_000), "-1e309", "<script>alert(1)</script>", "\u0000\u202e🙂", "  "];

// Both databases: Postgres refuses some text SQLite takes (a NUL character).
describe.each(["sqlite", "postgres"] as const)("bad input in every settings form on %s", (kind) => {
  let h: GatewayHarness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    h = await startGatewayHarness("server", kind);
    await createUserWithMembership({ email: "owner@example.com", passwordHash: await hashPassword("correct-horse-9"), workspaceSlug: "default", role: "owner" }, h.t.db);
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
  });

  it("answers with field errors, never a server error", async () => {
    const serverErrors: string[] = [];
    page.on("response", (res) => {
      if (res.status() >= 500) serverErrors.push(`${res.status()} ${res.url()}`);
    });
    for (const [path, name] of FORMS) {
      for (const value of ODD_VALUES) {
        await page.goto(`${h.url}${path}`);
        const form = page.getByRole("form", { name });
        const inputs = form.locator("input:not([type=hidden]):not([readonly])");
        for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).fill(value);
        await form.locator("button[type=submit]").first().click();
        // The form answers on the page: an error on a field (or, where blank is a valid choice,
        // such as retention's "keep forever", that it saved).
        await form.locator("[role=alert], [role=status]").first().waitFor({ timeout: 15_000 });
        expect(await page.locator("text=Application error").count(), `${path} with ${value.slice(0, 12)}`).toBe(0);
      }
    }
    expect(serverErrors).toEqual([]);
  });
});
