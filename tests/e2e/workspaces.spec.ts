// A new workspace in Chromium: a viewer of one workspace creates another from the header, owns
// it, lands on its API keys, sees none of the first workspace's requests there, and switches back
// to the first, where they are a viewer again.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership } from "@/lib/db/accounts";
import { createRequestLogWriter } from "@/lib/db/request-log-writer";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { logRow } from "../support/request-rows";
import { launchBrowser } from "./support/browser";

describe("New workspace", () => {
  let h: GatewayHarness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    h = await startGatewayHarness("server", "sqlite");
    await createUserWithMembership({ email: "viewer@example.com", passwordHash: await hashPassword("correct-horse-9"), workspaceSlug: "default", workspaceName: "Default", role: "viewer" }, h.t.db);
    const writer = createRequestLogWriter(h.t.target);
    await writer.writeBatch([logRow(h.workspaceId, { userId: "default-only-user" })]);
    await writer.close();
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    await page.goto(`${h.url}/login`);
    await page.getByLabel("Email").fill("viewer@example.com");
    await page.getByLabel("Password").fill("correct-horse-9");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${h.url}/`);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it("creates a workspace its maker owns, apart from the first, and switches between them", async () => {
    await page.getByRole("link", { name: "+ New workspace" }).click();
    await page.waitForURL(`${h.url}/workspaces/new`);
    const form = page.getByRole("form", { name: "New workspace" });
    await form.getByRole("button", { name: "Create workspace" }).click();
    await form.getByText("Name the workspace").waitFor();
    await form.getByLabel("Name").fill("Search team");
    await form.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(`${h.url}/settings/keys`);
    expect(await page.locator("aside").textContent()).toContain("Search team");

    // Its owner: the members list says so, and the admin-only audit log opens and records it.
    await page.goto(`${h.url}/settings/members`);
    expect(await page.getByRole("table", { name: "1 member" }).textContent()).toMatch(/viewer@example\.com.*owner/);
    await page.goto(`${h.url}/settings/audit`);
    expect(await page.getByRole("table", { name: "Changes, newest first" }).textContent()).toContain("workspace.created");

    // Nothing of the first workspace shows here.
    await page.goto(`${h.url}/users`);
    expect(await page.locator("main").textContent()).not.toContain("default-only-user");

    // Back to the first workspace, where they are a viewer: the audit log is not theirs.
    await page.getByRole("combobox", { name: "Workspace", exact: true }).selectOption({ label: "Default" });
    await page.getByRole("button", { name: "Switch" }).click();
    await page.waitForURL(`${h.url}/`);
    expect(await page.locator("aside").textContent()).toContain("Default");
    await page.goto(`${h.url}/users`);
    await page.getByText("default-only-user").first().waitFor();
    const audit = await page.goto(`${h.url}/settings/audit`);
    expect(audit?.status()).toBe(404);
    const workspace = await h.t.db.workspace.findFirstOrThrow({ where: { name: "Search team" }, include: { memberships: true } });
    expect(workspace.memberships.map((m) => m.role)).toEqual(["owner"]);
    await page.screenshot({ path: "test-results/new-workspace.png" });
  });
});
