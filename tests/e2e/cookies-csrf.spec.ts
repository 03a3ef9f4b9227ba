// Session cookies and CSRF. Cookies are HttpOnly and SameSite=Lax, and Secure (with next-auth's
// __Secure- prefix) when the dashboard is served over HTTPS behind a proxy. Mutations refuse a
// browser session from another site: a sign-in without next-auth's CSRF token, and every
// changing /api/v1 route (enumerated, so a new one is covered) called with a session cookie from
// another origin. Server actions are covered the same way, one by one, in roles.spec.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership, findOrCreateWorkspace } from "@/lib/db/accounts";
import { createAlertRule } from "@/lib/db/alert-rules";
import { createApiKey } from "@/lib/db/api-keys";
import { createBudget } from "@/lib/db/budgets";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { loginCookie, signInResponse } from "../support/session-login";
import { apiRoutes } from "./support/app-routes";
import { callServerAction, formOf, serverAction } from "./support/server-actions";

const PASSWORD = "correct-horse-9";

/** A Set-Cookie header's attributes, lower-cased, by cookie name. */
function cookieAttributes(response: Response): Map<string, Set<string>> {
  return new Map(
    response.headers.getSetCookie().map((header) => {
      const [pair, ...attributes] = header.split(";").map((s) => s.trim());
      return [pair!.split("=")[0]!, new Set(attributes.map((a) => a.toLowerCase()))];
    }),
  );
}

/** An admin of the default workspace who is also a member of a second one; the second's id. */
async function twoWorkspaceUser(h: GatewayHarness): Promise<string> {
  const { user } = await createUserWithMembership({ email: "both@example.com", passwordHash: await hashPassword(PASSWORD), workspaceSlug: "default", role: "admin" }, h.t.db);
  const second = await findOrCreateWorkspace("second", "Second", h.t.db);
  await h.t.db.membership.create({ data: { userId: user.id, workspaceId: second.id, role: "member" } });
  return second.id;
}

describe.each([
  { name: "over plain HTTP", nextauthUrl: null, secure: false, session: "next-auth.session-token", csrf: "next-auth.csrf-token" },
  { name: "behind an HTTPS proxy", nextauthUrl: "https://tollgate.example.com", secure: true, session: "__Secure-next-auth.session-token", csrf: "__Host-next-auth.csrf-token" },
])("session cookies $name", ({ nextauthUrl, secure, session, csrf }) => {
  let h: GatewayHarness;
  let secondWorkspace: string;

  beforeAll(async () => {
    h = await startGatewayHarness("server", "sqlite", nextauthUrl ? { NEXTAUTH_URL: nextauthUrl } : {});
    secondWorkspace = await twoWorkspaceUser(h);
  });
  afterAll(() => h?.stop());

  it(`are HttpOnly and SameSite=Lax${secure ? ", and Secure" : ", and not Secure (the browser would drop them)"}`, async () => {
    const csrfResponse = await fetch(`${h.url}/api/auth/csrf`);
    const signIn = await signInResponse(h.url, "both@example.com", PASSWORD);
    const cookies = new Map([...cookieAttributes(csrfResponse), ...cookieAttributes(signIn)]);
    for (const name of [session, csrf]) {
      const attributes = cookies.get(name);
      expect(attributes, name).toBeDefined();
      expect(attributes!.has("httponly"), `${name} HttpOnly`).toBe(true);
      expect(attributes!.has("samesite=lax"), `${name} SameSite=Lax`).toBe(true);
      expect(attributes!.has("path=/"), `${name} Path=/`).toBe(true);
      expect(attributes!.has("secure"), `${name} Secure`).toBe(secure);
    }
    // The session works: the dashboard opens with it.
    const cookie = await loginCookie(h.url, "both@example.com", PASSWORD);
    expect(cookie.startsWith(`${session}=`)).toBe(true);
    expect((await fetch(`${h.url}/settings/keys`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);

    // The workspace switcher's cookie follows the same rules.
    const switched = await callServerAction(h.url, serverAction("lib/actions/members.ts#switchWorkspace"), [formOf({ workspaceId: secondWorkspace })], { cookie });
    const workspaceCookie = cookieAttributes(switched).get("tollgate-workspace");
    expect(workspaceCookie, "tollgate-workspace").toBeDefined();
    expect(workspaceCookie!.has("httponly")).toBe(true);
    expect(workspaceCookie!.has("samesite=lax")).toBe(true);
    expect(workspaceCookie!.has("secure")).toBe(secure);
  });
});

describe("CSRF on mutations", () => {
  let h: GatewayHarness;
  let cookie: string;
  let adminKey: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startGatewayHarness("server", "sqlite");
    const { user } = await createUserWithMembership({ email: "admin@example.com", passwordHash: await hashPassword(PASSWORD), workspaceSlug: "default", role: "admin" }, h.t.db);
    cookie = await loginCookie(h.url, "admin@example.com", PASSWORD);
    adminKey = (await createApiKey({ workspaceId: h.workspaceId, name: "admin's", createdById: user.id }, h.t.db)).secret;
    ids.alert = (await createAlertRule(h.workspaceId, { name: "kept", enabled: true, metric: "requests", comparison: "gt", threshold: 1e9, window: { kind: "calendar_day" }, minRequests: 0, cooldownMinutes: 15, channels: { emails: [] } }, h.t.db)).id;
    ids.key = (await createApiKey({ workspaceId: h.workspaceId, name: "target", createdById: user.id }, h.t.db)).id;
    ids.budget = (await createBudget(h.workspaceId, { name: "kept", enabled: true, scope: "workspace", limitUsd: 5, period: "month", action: "alert", notifyAtPercent: [80], channels: { emails: [] } }, h.t.db)).id;
  });
  afterAll(() => h?.stop());

  it("refuses a sign-in without next-auth's CSRF token", async () => {
    const forged = await signInResponse(h.url, "admin@example.com", PASSWORD, { withCsrfToken: false });
    expect(forged.headers.getSetCookie().some((c) => c.includes("session-token="))).toBe(false);
    expect(forged.headers.get("location")).toContain("csrf=true");
  });

  /** A body each changing route would accept from its own origin. */
  const BODIES: Record<string, unknown> = {
    "POST /api/v1/alerts": { name: "forged", metric: "requests", threshold: 1, window: { kind: "calendar_day" } },
    "POST /api/v1/budgets": { name: "forged", scope: "workspace", limitUsd: 1, period: "day", action: "alert" },
    "PATCH /api/v1/alerts/[id]": { threshold: 1 },
    "PATCH /api/v1/budgets/[id]": { limitUsd: 1 },
    "POST /api/v1/keys": { name: "forged" },
  };
  const urlOf = (route: string) => route.replace("/alerts/[id]", `/alerts/${ids.alert}`).replace("/budgets/[id]", `/budgets/${ids.budget}`).replace("/keys/[id]", `/keys/${ids.key}`);

  it("refuses every changing API route called with a session from another site, and takes the same call with a key", async () => {
    const changing = apiRoutes().filter((r) => !r.startsWith("GET "));
    expect(changing.length).toBeGreaterThan(5);
    // DELETE last, so the other routes still find what they change.
    changing.sort((x, y) => Number(x.startsWith("DELETE")) - Number(y.startsWith("DELETE")));
    for (const route of changing) {
      const [method, path] = route.split(" ") as [string, string];
      const body = BODIES[route] === undefined ? undefined : JSON.stringify(BODIES[route]);
      const send = (headers: Record<string, string>) => fetch(`${h.url}${urlOf(path)}`, { method, body, headers: { "content-type": "application/json", ...headers } });
      for (const forgedHeaders of [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }] as Record<string, string>[]) {
        const forged = await send({ cookie, ...forgedHeaders });
        expect(forged.status, `${route} ${JSON.stringify(forgedHeaders)}`).toBe(403);
        expect(await forged.json()).toMatchObject({ error: { code: "forbidden" } });
      }
      // An API key is no ambient credential: the same call with one works from anywhere.
      const withKey = await send({ authorization: `Bearer ${adminKey}`, origin: "https://elsewhere.example" });
      expect(withKey.status, `${route} with a key`).toBeLessThan(300);
    }
    expect(await h.t.db.alertRule.count({ where: { name: "forged" } })).toBe(1); // the keyed one only
    expect(await h.t.db.apiKey.count({ where: { name: "forged" } })).toBe(1);
  });
});
