// Role rules, enforced on the server, action by action and page by page.
//
// Server actions: the test reads every action from the production build's manifest, and each
// must have a case here, so a new action without one fails. Each case is called over HTTP as the
// browser calls it (the `Next-Action` header and React's own reply encoding), first by every
// caller who must be refused (a member or viewer, an admin of another workspace, nobody signed
// in, a page on another origin), checking that nothing changed and that the refusal is an answer,
// not a server error (a forged cross-site call may get one from Next), and then by one caller who is
// allowed, checking that the same call does change it (so a refusal is never a bad payload).
//
// Pages: every dashboard page, for each role, answers with the right status, a viewer never sees
// a request or response body, and no page offers a role a form whose action it may not call.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import type { Role } from "@/lib/auth/roles";
import { createUserWithMembership, findOrCreateWorkspace } from "@/lib/db/accounts";
import { createAlertRule } from "@/lib/db/alert-rules";
import { createApiKey } from "@/lib/db/api-keys";
import { createInvitation } from "@/lib/db/members";
import { createPasswordReset } from "@/lib/db/password-resets";
import { savePriceOverride } from "@/lib/db/price-overrides";
import { saveProviderKey } from "@/lib/db/provider-keys";
import { createRequestLogWriter } from "@/lib/db/request-log-writer";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { logRow } from "../support/request-rows";
import { type SmtpReceiver, startSmtpReceiver } from "../support/receivers";
import { loginCookie } from "../support/session-login";
import { dashboardPages } from "./support/app-routes";
import { type ServerAction, callServerAction, formOf as form, serverActions } from "./support/server-actions";

type Caller = "owner" | "admin" | "member" | "viewer" | "outsider" | "invitee" | "loner" | "changer" | "leaver" | "anonymous" | "cross-site";
const PASSWORD = "correct-horse-9";

describe("role rules on every server action and dashboard page", () => {
  let h: GatewayHarness;
  let smtp: SmtpReceiver;
  const cookies: Partial<Record<Caller, string>> = {};
  const ids: Record<string, string> = {};
  const TOLLGATE_SECRET = "e".repeat(64);
  const BODY_MARKER = "body-only-for-members";

  beforeAll(async () => {
    smtp = await startSmtpReceiver(); // password resets are offered only with mail
    h = await startGatewayHarness("server", "sqlite", { TOLLGATE_SECRET, SMTP_URL: smtp.url });
    const db = h.t.db;
    const user = async (email: string, role: Role, workspaceSlug = "default") =>
      (await createUserWithMembership({ email, passwordHash: await hashPassword(PASSWORD), workspaceSlug, role }, db)).user.id;
    ids.owner = await user("owner@example.com", "owner");
    ids.admin = await user("admin@example.com", "admin");
    ids.member = await user("member@example.com", "member");
    ids.viewer = await user("viewer@example.com", "viewer");
    ids.spare = await user("spare@example.com", "viewer");
    ids.b = (await findOrCreateWorkspace("b", "Workspace B", db)).id;
    await user("outsider@example.com", "admin", "b");
    await user("invitee@example.com", "member", "b");
    await user("loner@example.com", "owner", "loner"); // owns a workspace of their own, to delete
    // Their sessions end when they change their password or sign out everywhere.
    await user("changer@example.com", "viewer");
    await user("leaver@example.com", "viewer");
    for (const caller of ["owner", "admin", "member", "viewer", "outsider", "invitee", "loner", "changer", "leaver"] as const) cookies[caller] = await loginCookie(h.url, `${caller}@example.com`, PASSWORD);

    const a = h.workspaceId;
    ids.alert = (await createAlertRule(a, { name: "A alert", enabled: true, metric: "requests", comparison: "gt", threshold: 1e9, window: { kind: "calendar_day" }, minRequests: 0, cooldownMinutes: 15, channels: { emails: ["ops@example.com"] } }, db)).id;
    ids.rotatedKey = (await createApiKey({ workspaceId: a, name: "owner's key to rotate", createdById: ids.owner }, db)).id;
    ids.revokedKey = (await createApiKey({ workspaceId: a, name: "owner's key to revoke", createdById: ids.owner }, db)).id;
    ids.price = (await savePriceOverride(a, { provider: "openai", model: "kept-model", inputNanoPerMTok: 1n, outputNanoPerMTok: 2n, cachedInputNanoPerMTok: null, cacheWriteNanoPerMTok: null }, db)).id;
    ids.providerKey = (await saveProviderKey(a, { provider: "mistral", name: "default", baseUrl: null, apiKey: "mistral-key-for-roles" }, TOLLGATE_SECRET, db)).id;
    ids.invitation = (await createInvitation(a, { email: "someone@example.com", role: "viewer", invitedById: ids.owner }, db)).invitation.id;
    ids.inviteeToken = (await createInvitation(a, { email: "invitee@example.com", role: "viewer", invitedById: ids.owner }, db)).token;
    ids.resetToken = await createPasswordReset(ids.spare, new Date(), db);
    ids.freshToken = (await createInvitation(a, { email: "fresh@example.com", role: "viewer", invitedById: ids.owner }, db)).token;

    const writer = createRequestLogWriter(h.t.target);
    // Rows the database once refused: one to retry, one to discard, one that stays for the page.
    await writer.writeDeadLetters([1, 2, 3].map(() => ({ row: logRow(a), error: "refused once, for the role test" })));
    const letters = await db.logDeadLetter.findMany({ where: { workspaceId: a }, orderBy: { id: "asc" } });
    ids.retryLetter = letters[0]!.id;
    ids.discardLetter = letters[1]!.id;
    const own = logRow(a, { userId: "a-user", sessionId: "a-session", sessionPath: "/a", properties: [{ key: "team", value: "search" }], requestBody: `{"prompt":"${BODY_MARKER}"}`, responseBody: `{"answer":"${BODY_MARKER}"}` });
    ids.ownRequest = own.id;
    await writer.writeBatch([own]);
    await writer.close();
  });
  afterAll(async () => {
    await h?.stop();
    await smtp?.close();
  });

  /** The cross-site call carries the admin's cookie, as a forged form post from another site would. */
  const call = (action: ServerAction, caller: Caller, args: unknown[]) =>
    caller === "cross-site" ? callServerAction(h.url, action, args, { cookie: cookies.admin, origin: "https://evil.example" }) : callServerAction(h.url, action, args, { cookie: cookies[caller] });

  const db = () => h.t.db;
  const a = () => h.workspaceId;

  interface ActionCase {
    /** Arguments of a call that changes something when an allowed caller makes it. */
    args: () => unknown[];
    /** Callers who must be refused, with other arguments where the refusal is about them. */
    refused: (Caller | [Caller, () => unknown[]])[];
    /** One caller who may; null where no caller may in this state (with the reason). */
    allowed: Caller | null;
    /** What the action changes, read after every call (the response, for actions that only answer). */
    state: (response?: Response) => Promise<unknown>;
  }

  const EVERYONE_ELSE: Caller[] = ["member", "viewer", "outsider", "anonymous", "cross-site"];
  const setCookie = async (response?: Response) => response?.headers.getSetCookie().some((c) => c.startsWith("tollgate-workspace=")) ?? false;

  const CASES: Record<string, ActionCase> = {
    "lib/actions/alerts.ts#saveAlert": {
      args: () => [{}, form({ name: "made by role test", metric: "requests", comparison: "gt", threshold: "5", window: "calendar_day", emails: "ops@example.com" })],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: () => db().alertRule.count({ where: { workspaceId: a(), name: "made by role test" } }),
    },
    "lib/actions/alerts.ts#saveBudget": {
      args: () => [{}, form({ name: "budget by role test", scope: "workspace", limitUsd: "5", period: "month", action: "alert", notifyAtPercent: "80" })],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: () => db().budget.count({ where: { workspaceId: a(), name: "budget by role test" } }),
    },
    "lib/actions/alerts.ts#changeSetting": {
      args: () => [form({ id: ids.alert!, kind: "alert", change: "disable" })],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: async () => (await db().alertRule.findUniqueOrThrow({ where: { id: ids.alert } })).enabled,
    },
    "lib/actions/alerts.ts#testAlert": {
      args: () => [{}, form({ id: ids.alert! })],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: () => db().alertEvent.count({ where: { workspaceId: a(), kind: "test" } }),
    },
    "lib/actions/alerts.ts#rotateSecret": {
      args: () => [],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: async () => (await db().workspace.findUniqueOrThrow({ where: { id: a() } })).webhookSecret,
    },
    "lib/actions/workspaces.ts#saveTimeZone": {
      args: () => [{}, form({ timeZone: "Asia/Tokyo" })],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: async () => (await db().workspace.findUniqueOrThrow({ where: { id: a() } })).timeZone,
    },
    "lib/actions/keys.ts#createKeyAction": {
      args: () => [{}, form({ name: "key by role test" })],
      refused: ["viewer", "outsider", "anonymous", "cross-site"],
      allowed: "member", // members make their own keys
      state: () => db().apiKey.count({ where: { workspaceId: a(), name: "key by role test" } }),
    },
    "lib/actions/keys.ts#rotateKeyAction": {
      args: () => [{}, form({ id: ids.rotatedKey! })],
      refused: EVERYONE_ELSE, // a member may rotate only their own keys; this is the owner's
      allowed: "admin",
      state: async () => (await db().apiKey.findUniqueOrThrow({ where: { id: ids.rotatedKey } })).hash,
    },
    "lib/actions/keys.ts#revokeKeyAction": {
      args: () => [form({ id: ids.revokedKey! })],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: async () => (await db().apiKey.findUniqueOrThrow({ where: { id: ids.revokedKey } })).revokedAt,
    },
    "lib/actions/pricing.ts#savePriceAction": {
      args: () => [{}, form({ provider: "openai", model: "priced-by-role-test", input: "1", output: "2" })],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: () => db().priceOverride.count({ where: { workspaceId: a(), model: "priced-by-role-test" } }),
    },
    "lib/actions/pricing.ts#deletePriceAction": {
      args: () => [form({ id: ids.price! })],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: () => db().priceOverride.count({ where: { id: ids.price } }),
    },
    "lib/actions/providers.ts#saveProviderKeyAction": {
      args: () => [{}, form({ provider: "groq", apiKey: "gsk-role-test-0123456789" })],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: () => db().providerKey.count({ where: { workspaceId: a(), provider: "groq" } }),
    },
    "lib/actions/providers.ts#deleteProviderKeyAction": {
      args: () => [form({ id: ids.providerKey! })],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: () => db().providerKey.count({ where: { id: ids.providerKey } }),
    },
    "lib/actions/providers.ts#testProviderAction": {
      // It only answers; the fake provider counts the calls a test makes. (An admin of another
      // workspace may test that workspace's own connection, so they are not in the list.)
      args: () => [null, form({ provider: "openai" })],
      refused: ["member", "viewer", "anonymous", "cross-site"],
      allowed: "admin",
      state: async () => h.fake.requests().length,
    },
    "lib/actions/retention.ts#saveRetention": {
      args: () => [{}, form({ bodyRetentionDays: "7", rowRetentionDays: "30" })],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: async () => (await db().workspace.findUniqueOrThrow({ where: { id: a() } })).bodyRetentionDays,
    },
    "lib/actions/dead-letters.ts#retryDeadLettersAction": {
      args: () => [form({ id: ids.retryLetter! })],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: () => db().logDeadLetter.count({ where: { id: ids.retryLetter } }),
    },
    "lib/actions/dead-letters.ts#discardDeadLetterAction": {
      args: () => [form({ id: ids.discardLetter! })],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: () => db().logDeadLetter.count({ where: { id: ids.discardLetter } }),
    },
    "lib/actions/members.ts#inviteMember": {
      args: () => [{}, form({ email: "invited-by-role-test@example.com", role: "viewer" })],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: () => db().invitation.count({ where: { workspaceId: a(), email: "invited-by-role-test@example.com" } }),
    },
    "lib/actions/members.ts#changeMember": {
      args: () => [form({ userId: ids.spare!, role: "member" })],
      refused: [...EVERYONE_ELSE, ["admin", () => [form({ userId: ids.owner!, role: "viewer" })]]], // only an owner changes an owner
      allowed: "admin",
      state: async () => (await db().membership.findMany({ where: { workspaceId: a() }, select: { userId: true, role: true }, orderBy: { userId: "asc" } })),
    },
    "lib/actions/members.ts#revokeInvitationAction": {
      args: () => [form({ id: ids.invitation!, email: "someone@example.com" })],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: () => db().invitation.count({ where: { id: ids.invitation } }),
    },
    "lib/actions/members.ts#acceptInvitationAction": {
      // The invitation is for invitee@example.com: anyone else signed in, or nobody, is refused.
      args: () => [form({ token: ids.inviteeToken! })],
      refused: ["member", "viewer", "outsider", "anonymous", "cross-site", ["invitee", () => [form({ token: "not-a-token" })]]],
      allowed: "invitee",
      state: () => db().membership.count({ where: { workspaceId: a() } }),
    },
    "lib/actions/members.ts#createAccountFromInvitation": {
      // The token is the permission: a wrong one, or one for an email that has an account, is refused.
      args: () => [{}, form({ token: ids.freshToken!, password: "a-long-new-password-1" })],
      refused: [["anonymous", () => [{}, form({ token: "not-a-token", password: "a-long-new-password-1" })]], ["anonymous", () => [{}, form({ token: ids.inviteeToken!, password: "a-long-new-password-1" })]], "cross-site"],
      allowed: "anonymous",
      state: () => db().user.count(),
    },
    "lib/actions/members.ts#switchWorkspace": {
      // Only to a workspace the user belongs to; the member of A is not in B.
      args: () => [form({ workspaceId: ids.b! })],
      refused: ["member", "viewer", "anonymous", ["cross-site", () => [form({ workspaceId: a() })]]],
      allowed: "outsider",
      state: setCookie,
    },
    "lib/actions/workspaces.ts#createWorkspaceAction": {
      // Any signed-in user may make a workspace (and owns it); nobody else, and no other site.
      args: () => [{}, form({ name: "Made by role test" })],
      refused: ["anonymous", "cross-site"],
      allowed: "viewer",
      state: () => db().workspace.count({ where: { name: "Made by role test" } }),
    },
    "lib/actions/workspaces.ts#renameWorkspaceAction": {
      args: () => [{}, form({ name: "Renamed by role test" })],
      refused: EVERYONE_ELSE,
      allowed: "admin",
      state: async () => (await db().workspace.findUniqueOrThrow({ where: { id: a() } })).name,
    },
    "lib/actions/workspaces.ts#deleteWorkspaceAction": {
      // Only an owner, typing the name; each refused caller types their own workspace's name.
      args: () => [{}, form({ confirm: "loner" })],
      refused: [
        ["admin", () => [{}, form({ confirm: "Default" })]],
        ["member", () => [{}, form({ confirm: "Default" })]],
        ["owner", () => [{}, form({ confirm: "not its name" })]],
        "anonymous",
        ["cross-site", () => [{}, form({ confirm: "Default" })]],
      ],
      allowed: "loner",
      state: () => db().workspace.count({ where: { deletedAt: { not: null } } }),
    },
    "lib/actions/account.ts#changePasswordAction": {
      // Anyone signed in changes their own, knowing the current one.
      args: () => [{}, form({ currentPassword: PASSWORD, newPassword: "a-brand-new-pass-8" })],
      refused: [
        ["changer", () => [{}, form({ currentPassword: "not-the-password-1", newPassword: "a-brand-new-pass-8" })]],
        ["changer", () => [{}, form({ currentPassword: PASSWORD, newPassword: "short" })]],
        "anonymous",
        "cross-site",
      ],
      allowed: "changer",
      state: () => db().user.count({ where: { sessionsValidFrom: { not: null } } }),
    },
    "lib/actions/account.ts#signOutEverywhereAction": {
      args: () => [],
      refused: ["anonymous", "cross-site"],
      allowed: "leaver",
      state: () => db().user.count({ where: { sessionsValidFrom: { not: null } } }),
    },
    "lib/actions/password-reset.ts#requestPasswordReset": {
      // Anyone may ask (the answer never says whether the email has an account); no other site.
      args: () => [{}, form({ email: "viewer@example.com" })],
      refused: ["cross-site"],
      allowed: "anonymous",
      state: () => db().passwordReset.count(),
    },
    "lib/actions/password-reset.ts#resetPasswordAction": {
      // The emailed token is the permission.
      args: () => [{}, form({ token: ids.resetToken!, password: "a-brand-new-pass-8" })],
      refused: [["anonymous", () => [{}, form({ token: "not-a-token", password: "a-brand-new-pass-8" })]], ["anonymous", () => [{}, form({ token: ids.resetToken!, password: "short" })]], "cross-site"],
      allowed: "anonymous",
      state: () => db().passwordReset.count({ where: { usedAt: { not: null } } }),
    },
    "lib/actions/set-up-owner.ts#setUpOwner": {
      // Only on an empty database (first-run.spec.ts covers that); here users exist.
      args: () => [{}, form({ email: "second-owner@example.com", password: "a-long-new-password-1", workspaceName: "Hijacked" })],
      refused: ["anonymous", "member", "cross-site"],
      allowed: null,
      state: () => db().user.count({ where: { email: "second-owner@example.com" } }),
    },
  };

  it("has a case for every server action, and each refuses everyone but those its role rules allow", async () => {
    const actions = serverActions();
    expect(actions.length).toBeGreaterThan(15);
    expect(actions.filter((x) => !CASES[x.name]).map((x) => x.name), "server actions without a role case").toEqual([]);
    for (const action of actions) {
      const rule = CASES[action.name]!;
      const before = await rule.state();
      for (const refusal of rule.refused) {
        const [caller, args] = Array.isArray(refusal) ? refusal : [refusal, rule.args];
        const response = await call(action, caller, args());
        await response.arrayBuffer();
        // Refused with an answer (a field error, or back to the page with why), never a crash.
        if (caller !== "cross-site") expect(response.status, `${action.name} called by ${caller}`).toBeLessThan(500);
        expect(await rule.state(response), `${action.name} called by ${caller}`).toEqual(before);
      }
      if (!rule.allowed) continue;
      const response = await call(action, rule.allowed, rule.args());
      expect(response.status, `${action.name} by ${rule.allowed}`).toBeLessThan(500);
      await response.arrayBuffer();
      expect(await rule.state(response), `${action.name} called by ${rule.allowed}`).not.toEqual(before);
    }
  });

  /** The value each dynamic page segment gets: workspace A's own user, session and property. */
  /** Read once the rows exist (their ids are made in beforeAll). */
  const pageParams = (): Record<string, string> => ({ "/users/[id]": "/users/a-user", "/sessions/[id]": "/sessions/a-session", "/properties/[key]": "/properties/team", "/requests/[id]": `/requests/${ids.ownRequest}` });
  /** Pages only owners and admins may open; others get 404, as if the page did not exist. */
  const ADMIN_PAGES = new Set(["/settings/audit", "/settings/log"]);
  /** The actions a page may hand to a member or viewer (every other one is for owners and admins). */
  const OFFERED: Record<"member" | "viewer", Set<string>> = {
    member: new Set(["lib/actions/members.ts#switchWorkspace", "lib/actions/workspaces.ts#createWorkspaceAction", "lib/actions/account.ts#changePasswordAction", "lib/actions/account.ts#signOutEverywhereAction", "lib/actions/keys.ts#createKeyAction", "lib/actions/keys.ts#rotateKeyAction", "lib/actions/keys.ts#revokeKeyAction"]),
    viewer: new Set(["lib/actions/members.ts#switchWorkspace", "lib/actions/workspaces.ts#createWorkspaceAction", "lib/actions/account.ts#changePasswordAction", "lib/actions/account.ts#signOutEverywhereAction"]),
  };

  it("opens every dashboard page by role, never shows a viewer a body, and offers no action a role may not call", async () => {
    const actions = serverActions();
    const pages = dashboardPages();
    const offeredToOwners = new Set<string>();
    expect(pages.filter((p) => p.includes("[") && !pageParams()[p]), "pages with parameters but no value here").toEqual([]);
    for (const role of ["owner", "admin", "member", "viewer"] as const) {
      for (const page of pages) {
        const url = pageParams()[page] ?? page;
        const response = await fetch(`${h.url}${url}`, { headers: { cookie: cookies[role]! } });
        const html = await response.text();
        const manager = role === "owner" || role === "admin";
        expect(response.status, `${url} as ${role}`).toBe(ADMIN_PAGES.has(page) && !manager ? 404 : 200);
        expect(html.includes(BODY_MARKER), `a body in the HTML of ${url}`).toBe(false); // bodies come only from the API
        const offered = actions.filter((x) => html.includes(x.id)).map((x) => x.name);
        if (manager) offered.forEach((name) => offeredToOwners.add(name));
        else expect(offered.filter((name) => !OFFERED[role].has(name)), `actions ${url} offers a ${role}`).toEqual([]);
      }
    }
    // The check above can see actions: the owners' pages offer every settings action.
    const settingsActions = actions.filter((x) => x.page.startsWith("/settings")).map((x) => x.name);
    expect(settingsActions.filter((name) => !offeredToOwners.has(name))).toEqual([]);
  });

  it("gives a viewer no request or response body through any API route, and a member all of them", async () => {
    const id = (await h.t.db.request.findFirstOrThrow({ where: { workspaceId: h.workspaceId } })).id;
    const routes = [`/api/v1/requests/${id}`, "/api/v1/requests?limit=100", "/api/v1/requests/export?format=jsonl", "/api/v1/requests/export?format=csv"];
    for (const route of routes) {
      const asViewer = await fetch(`${h.url}${route}`, { headers: { cookie: cookies.viewer! } });
      expect(asViewer.status, route).toBeLessThan(500);
      expect(await asViewer.text(), route).not.toContain(BODY_MARKER);
    }
    const asMember = await fetch(`${h.url}/api/v1/requests/${id}`, { headers: { cookie: cookies.member! } });
    expect(await asMember.text()).toContain(BODY_MARKER);
  });
});
