// Workspaces in Chromium: a viewer of one workspace creates another from the header, owns it,
// lands on its API keys, sees none of the first workspace's requests there, and switches back to
// the first, where they are a viewer again. Then they delete the new one: its key is refused at
// the gateway and it leaves the switcher; a user left with no workspace is asked to make one.
import OpenAI from "openai";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership } from "@/lib/db/accounts";
import { createApiKey } from "@/lib/db/api-keys";
import { createRequestLogWriter } from "@/lib/db/request-log-writer";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { logRow } from "../support/request-rows";
import { launchBrowser } from "./support/browser";

describe("New workspace", () => {
  let h: GatewayHarness;
  let browser: Browser;
  let page: Page;

  async function signIn(email: string): Promise<Page> {
    const signedIn = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    await signedIn.goto(`${h.url}/login`);
    await signedIn.getByLabel("Email").fill(email);
    await signedIn.getByLabel("Password").fill("correct-horse-9");
    await signedIn.getByRole("button", { name: "Sign in" }).click();
    await signedIn.waitForURL((url) => !url.pathname.startsWith("/login"));
    return signedIn;
  }

  beforeAll(async () => {
    h = await startGatewayHarness("server", "sqlite");
    await createUserWithMembership({ email: "viewer@example.com", passwordHash: await hashPassword("correct-horse-9"), workspaceSlug: "default", workspaceName: "Default", role: "viewer" }, h.t.db);
    const writer = createRequestLogWriter(h.t.target);
    await writer.writeBatch([logRow(h.workspaceId, { userId: "default-only-user" })]);
    await writer.close();
    browser = await launchBrowser();
    page = await signIn("viewer@example.com");
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

  it("deletes a workspace: its key is refused, it leaves the switcher, and a user left with none makes another", async () => {
    const team = await h.t.db.workspace.findFirstOrThrow({ where: { name: "Search team" } });
    const viewer = await h.t.db.user.findUniqueOrThrow({ where: { email: "viewer@example.com" } });
    const client = new OpenAI({ baseURL: `${h.url}/v1`, apiKey: (await createApiKey({ workspaceId: team.id, name: "app", createdById: viewer.id }, h.t.db)).secret, maxRetries: 0 });
    const call = () => client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hello" }] }).then(() => 200, (e: { status?: number }) => e.status);
    expect(await call()).toBe(200);

    await page.getByRole("combobox", { name: "Workspace", exact: true }).selectOption({ label: "Search team" });
    await page.getByRole("button", { name: "Switch" }).click();
    await page.waitForURL(`${h.url}/`);
    await page.goto(`${h.url}/settings/workspace`);
    await page.screenshot({ path: "test-results/settings-workspace.png", fullPage: true });
    const form = page.getByRole("form", { name: "Delete workspace" });
    await form.getByLabel("Type Search team to confirm").fill("search team");
    await form.getByRole("button", { name: "Delete this workspace" }).click();
    await form.getByText("Type the workspace's name, Search team, to confirm").waitFor();
    await form.getByLabel("Type Search team to confirm").fill("Search team");
    await form.getByRole("button", { name: "Delete this workspace" }).click();
    await page.waitForURL(`${h.url}/`);
    expect(await page.locator("aside").textContent()).toContain("Default");
    expect(await page.getByRole("combobox", { name: "Workspace", exact: true }).count()).toBe(0); // one workspace left: no switcher
    await expect.poll(call, { timeout: 15_000, interval: 500 }).toBe(401);

    // Someone whose only workspace goes is asked to make one, and can.
    await createUserWithMembership({ email: "solo@example.com", passwordHash: await hashPassword("correct-horse-9"), workspaceSlug: "solo", workspaceName: "Solo", role: "owner" }, h.t.db);
    const solo = await signIn("solo@example.com");
    await solo.goto(`${h.url}/settings/workspace`);
    await solo.getByLabel("Type Solo to confirm").fill("Solo");
    await solo.getByRole("button", { name: "Delete this workspace" }).click();
    await solo.waitForURL(`${h.url}/workspaces/new`);
    await solo.getByText("You are not in any workspace yet.").waitFor();
    await solo.screenshot({ path: "test-results/no-workspace.png" });
    await solo.getByLabel("Name").fill("Fresh start");
    await solo.getByRole("button", { name: "Create workspace" }).click();
    await solo.waitForURL(`${h.url}/settings/keys`);
    expect(await solo.locator("aside").textContent()).toContain("Fresh start");
  });
});
