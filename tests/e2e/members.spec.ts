// Members in Chromium: an owner invites by email (the link is shown and mailed through a real
// SMTP server), the invitee creates an account from the link and lands in the workspace with the
// invited role, the owner changes that role, a workspace never loses its last owner, and a user
// in two workspaces switches between them from the header.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership, findOrCreateWorkspace } from "@/lib/db/accounts";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { type SmtpReceiver, startSmtpReceiver } from "../support/receivers";
import { launchBrowser } from "./support/browser";

describe("Settings → Members, invitations and the workspace switcher", () => {
  let h: GatewayHarness;
  let smtp: SmtpReceiver;
  let browser: Browser;
  let owner: Page;
  let ownerId: string;

  async function signIn(email: string, password: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    await page.goto(`${h.url}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${h.url}/`);
    return page;
  }

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    h = await startGatewayHarness("server", "sqlite", { SMTP_URL: smtp.url, ALERT_FROM: "Tollgate <tollgate@example.com>" });
    ownerId = (await createUserWithMembership({ email: "owner@example.com", passwordHash: await hashPassword("correct-horse-9"), workspaceSlug: "default", workspaceName: "Default", role: "owner" }, h.t.db)).user.id;
    browser = await launchBrowser();
    owner = await signIn("owner@example.com", "correct-horse-9");
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
    await smtp?.close();
  });

  it("invites by email, and the invitee joins with the invited role from the link", async () => {
    await owner.goto(`${h.url}/settings/members`);
    const form = owner.getByRole("form", { name: "Invite a member" });
    await form.getByLabel("Email").fill("not-an-email");
    await form.getByRole("button", { name: "Invite" }).click();
    await form.getByText("Enter a valid email address").waitFor();
    await form.getByLabel("Email").fill("New.Person@Example.com");
    await form.locator("select[name=role]").selectOption("member");
    await form.getByRole("button", { name: "Invite" }).click();
    const link = (await owner.getByTestId("invitation-link").textContent())!;
    expect(link).toMatch(new RegExp(`^${h.url}/invite/[\\w-]{20,}$`));
    expect(await owner.getByRole("status", { name: "Invitation link" }).textContent()).toContain("Invitation mailed to new.person@example.com");
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(["new.person@example.com"]);
    expect(mail!.subject).toBe("owner@example.com invited you to Default on Tollgate");
    expect(mail!.text).toContain(link);
    await owner.reload();
    expect(await owner.getByRole("table", { name: "Pending invitations" }).textContent()).toContain("new.person@example.com");
    await owner.screenshot({ path: "test-results/settings-members.png", fullPage: true });

    const invitee = await (await browser.newContext()).newPage();
    await invitee.goto(link);
    await invitee.getByRole("heading", { name: "Join Default" }).waitFor();
    await invitee.getByLabel("Password").fill("short");
    await invitee.getByRole("button", { name: "Create account and join" }).click();
    await invitee.getByText("Use at least 10 characters.").waitFor();
    await invitee.getByLabel("Your name").fill("New Person");
    await invitee.getByLabel("Password").fill("a-long-passphrase-2");
    await invitee.getByRole("button", { name: "Create account and join" }).click();
    await invitee.waitForURL(/\/login\?setup=invited/);
    await invitee.getByLabel("Password").fill("a-long-passphrase-2");
    await invitee.getByRole("button", { name: "Sign in" }).click();
    await invitee.waitForURL(`${h.url}/`);
    await invitee.goto(`${h.url}/settings/members`);
    expect(await invitee.getByRole("table").locator("tr", { hasText: "new.person@example.com" }).textContent()).toContain("member");
    expect(await invitee.getByRole("form", { name: "Invite a member" }).count()).toBe(0); // members cannot invite

    // The link works once.
    await invitee.goto(link);
    await invitee.getByRole("heading", { name: "Invitation not valid" }).waitFor();
    await invitee.close();
  });

  it("changes a role, audits it, and never removes the last owner", async () => {
    await owner.goto(`${h.url}/settings/members`);
    await owner.getByLabel("Role of new.person@example.com", { exact: true }).selectOption("viewer");
    await owner.getByRole("button", { name: "Save the role of new.person@example.com" }).click();
    await owner.getByRole("table").locator("tr", { hasText: "new.person@example.com" }).locator("select").filter({ hasText: "viewer" }).waitFor();
    expect(await owner.getByLabel("Role of new.person@example.com", { exact: true }).inputValue()).toBe("viewer");

    await owner.getByLabel("Role of owner@example.com", { exact: true }).selectOption("admin");
    await owner.getByRole("button", { name: "Save the role of owner@example.com" }).click();
    await owner.getByRole("alert").filter({ hasText: "A workspace needs at least one owner" }).waitFor();

    await owner.goto(`${h.url}/settings/audit`);
    const audit = owner.getByRole("table", { name: "Changes, newest first" });
    expect(await audit.locator("tr", { hasText: "member.role_changed" }).textContent()).toContain('"to":"viewer"');
    expect(await audit.locator("tr", { hasText: "member.invited" }).count()).toBe(1);
    expect(await audit.locator("tr", { hasText: "invitation.accepted" }).count()).toBe(1);
  });

  it("switches between the user's workspaces from the header", async () => {
    const second = await findOrCreateWorkspace("second", "Second workspace", h.t.db);
    await h.t.db.membership.create({ data: { workspaceId: second.id, userId: ownerId, role: "admin" } });
    await owner.goto(`${h.url}/`);
    const switcher = owner.getByRole("form", { name: "Switch workspace" });
    await switcher.getByLabel("Workspace").selectOption(second.id);
    await switcher.getByRole("button", { name: "Switch" }).click();
    await owner.waitForURL(`${h.url}/`);
    await owner.getByText("Second workspace").first().waitFor();
    await owner.goto(`${h.url}/settings/members`);
    expect(await owner.getByRole("table").textContent()).not.toContain("new.person@example.com"); // the second workspace's members
    expect(await owner.getByRole("table").locator("tr", { hasText: "owner@example.com" }).textContent()).toContain("admin");
  });

  it("says why a button is refused when the role changed while the page was open", async () => {
    const { user } = await createUserWithMembership({ email: "soon-demoted@example.com", passwordHash: await hashPassword("correct-horse-9"), workspaceSlug: "default", role: "admin" }, h.t.db);
    const admin = await signIn("soon-demoted@example.com", "correct-horse-9");
    await admin.goto(`${h.url}/settings/members`);
    const defaultWorkspace = await h.t.db.workspace.findUniqueOrThrow({ where: { slug: "default" } });
    await h.t.db.membership.update({ where: { workspaceId_userId: { workspaceId: defaultWorkspace.id, userId: user.id } }, data: { role: "member" } });
    await admin.getByLabel("Role of new.person@example.com", { exact: true }).selectOption("member");
    await admin.getByRole("button", { name: "Save the role of new.person@example.com" }).click();
    await admin.getByRole("alert").filter({ hasText: "Only workspace owners and admins can change members." }).waitFor();
    expect(await admin.getByRole("form", { name: "Invite a member" }).count()).toBe(0); // the page now shows what a member sees
    expect((await h.t.db.membership.findFirstOrThrow({ where: { workspaceId: defaultWorkspace.id, user: { email: "new.person@example.com" } } })).role).toBe("viewer");
    await admin.close();
  });
});
