// Workspace isolation, route by route. The test lists every /api/v1 route file and every
// dashboard page from the app directory, and each must have a check here: a new route without
// one fails this test. Workspace A's admin asks for workspace B's requests, alerts, budgets,
// events, users, sessions and properties, and must get 404 or simply not see them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership, findOrCreateWorkspace } from "@/lib/db/accounts";
import { createAlertRule } from "@/lib/db/alert-rules";
import { recordAudit } from "@/lib/db/audit";
import { createApiKey } from "@/lib/db/api-keys";
import { createBudget } from "@/lib/db/budgets";
import { createRequestLogWriter } from "@/lib/db/request-log-writer";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { logRow } from "../support/request-rows";
import { loginCookie } from "../support/session-login";
import { apiRoutes, dashboardPages } from "./support/app-routes";

const B = { user: "b-user-secret", session: "b-session-secret", key: "bkey", value: "bvalue-secret", alert: "B alert secret", budget: "B budget secret", apiKey: "B api key secret" };

describe("workspace isolation on every API route and page", () => {
  let h: GatewayHarness;
  let adminKey: string;
  let cookie: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startGatewayHarness("server", "sqlite");
    const { user } = await createUserWithMembership({ email: "a-admin@example.com", passwordHash: await hashPassword("correct-horse-9"), workspaceSlug: "default", role: "admin" }, h.t.db);
    adminKey = (await createApiKey({ workspaceId: h.workspaceId, name: "a admin", createdById: user.id }, h.t.db)).secret;
    cookie = await loginCookie(h.url, "a-admin@example.com", "correct-horse-9");

    const b = (await findOrCreateWorkspace("b", "Workspace B", h.t.db)).id;
    const row = logRow(b, { userId: B.user, sessionId: B.session, sessionPath: "/b", properties: [{ key: B.key, value: B.value }], requestBody: `{"prompt":"${B.value}"}` });
    ids.request = row.id;
    const writer = createRequestLogWriter(h.t.target);
    const own = logRow(h.workspaceId, { userId: "a-user", requestBody: '{"prompt":"for members only"}' });
    ids.own = own.id;
    await writer.writeBatch([row, own]);
    // A row the database refused for B: B's dead letters are B's alone.
    await writer.writeDeadLetters([{ row: logRow(b, { userId: B.user, modelRequested: B.value }), error: `refused ${B.value}` }]);
    await writer.close();
    const alert = await createAlertRule(b, { name: B.alert, enabled: true, metric: "requests", comparison: "gt", threshold: 1, window: { kind: "calendar_day" }, minRequests: 0, cooldownMinutes: 15, channels: { emails: [] } }, h.t.db);
    ids.alert = alert.id;
    ids.budget = (await createBudget(b, { name: B.budget, enabled: true, scope: "workspace", limitUsd: 5, period: "month", action: "alert", notifyAtPercent: [80], channels: { emails: [] } }, h.t.db)).id;
    ids.event = (await h.t.db.alertEvent.create({ data: { workspaceId: b, alertRuleId: alert.id, kind: "fired", value: 2, threshold: 1, detail: JSON.stringify({ source: { name: B.alert } }) } })).id;
    await recordAudit(b, { userId: null, label: "b-admin@example.com" }, { action: "alert.created", target: B.alert }, h.t.db);
    ids.apiKey = (await createApiKey({ workspaceId: b, name: B.apiKey }, h.t.db)).id;
  });
  afterAll(() => h?.stop());

  const api = (route: string, init: RequestInit & { json?: unknown } = {}) =>
    fetch(`${h.url}${route}`, { ...init, headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" }, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
  /** B's markers found in a response, except those the request itself named (a page echoes its URL). */
  const leaks = (text: string, asked = "") => [ids.request!, ids.alert!, ids.budget!, ids.event!, ids.apiKey!, B.user, B.session, B.value, B.alert, B.budget, B.apiKey].filter((marker) => text.includes(marker) && !asked.includes(marker));
  const notFound = async (res: Response) => expect(res.status).toBe(404);
  const noLeak = async (res: Response) => {
    expect(res.status).toBeLessThan(500);
    expect(leaks(await res.text())).toEqual([]);
  };

  /** Every API route and method, with how workspace A tries to reach B's data through it. */
  const API_CHECKS: Record<string, () => Promise<void>> = {
    "GET /api/v1/requests": async () => noLeak(await api("/api/v1/requests?limit=1000")),
    "GET /api/v1/requests/[id]": async () => notFound(await api(`/api/v1/requests/${ids.request}`)),
    "GET /api/v1/requests/export": async () => noLeak(await api("/api/v1/requests/export?format=jsonl")),
    "GET /api/v1/requests/stats": async () => {
      // A's totals count A's one row, never B's.
      const res = await api(`/api/v1/requests/stats?userId=${B.user}`);
      expect(await res.json()).toMatchObject({ requests: 0, spendUsd: 0 });
      expect(await (await api("/api/v1/requests/stats")).json()).toMatchObject({ requests: 1 });
    },
    "GET /api/v1/properties/[key]/values": async () => noLeak(await api(`/api/v1/properties/${B.key}/values`)),
    "GET /api/v1/alerts": async () => noLeak(await api("/api/v1/alerts")),
    "POST /api/v1/alerts": async () => {
      const res = await api("/api/v1/alerts", { method: "POST", json: { name: "A's own", metric: "requests", threshold: 1, window: { kind: "calendar_day" } } });
      expect(res.status).toBe(201);
      expect((await h.t.db.alertRule.findFirstOrThrow({ where: { name: "A's own" } })).workspaceId).toBe(h.workspaceId);
    },
    "GET /api/v1/alerts/[id]": async () => notFound(await api(`/api/v1/alerts/${ids.alert}`)),
    "PATCH /api/v1/alerts/[id]": async () => notFound(await api(`/api/v1/alerts/${ids.alert}`, { method: "PATCH", json: { threshold: 99 } })),
    "DELETE /api/v1/alerts/[id]": async () => notFound(await api(`/api/v1/alerts/${ids.alert}`, { method: "DELETE" })),
    "POST /api/v1/alerts/[id]/test": async () => notFound(await api(`/api/v1/alerts/${ids.alert}/test`, { method: "POST" })),
    "GET /api/v1/alerts/events": async () => {
      await noLeak(await api("/api/v1/alerts/events"));
      await noLeak(await api(`/api/v1/alerts/events?alertId=${ids.alert}&before=${ids.event}`));
    },
    "GET /api/v1/budgets": async () => noLeak(await api("/api/v1/budgets")),
    "POST /api/v1/budgets": async () => {
      const res = await api("/api/v1/budgets", { method: "POST", json: { name: "A's budget", scope: "workspace", limitUsd: 1, period: "day", action: "alert" } });
      expect(res.status).toBe(201);
      expect((await h.t.db.budget.findFirstOrThrow({ where: { name: "A's budget" } })).workspaceId).toBe(h.workspaceId);
    },
    "GET /api/v1/budgets/[id]": async () => notFound(await api(`/api/v1/budgets/${ids.budget}`)),
    "PATCH /api/v1/budgets/[id]": async () => notFound(await api(`/api/v1/budgets/${ids.budget}`, { method: "PATCH", json: { limitUsd: 99 } })),
    "DELETE /api/v1/budgets/[id]": async () => notFound(await api(`/api/v1/budgets/${ids.budget}`, { method: "DELETE" })),
    "GET /api/v1/keys": async () => noLeak(await api("/api/v1/keys")),
    "POST /api/v1/keys": async () => {
      const res = await api("/api/v1/keys", { method: "POST", json: { name: "A's key" } });
      expect(res.status).toBe(201);
      expect((await h.t.db.apiKey.findFirstOrThrow({ where: { name: "A's key" } })).workspaceId).toBe(h.workspaceId);
    },
    "GET /api/v1/keys/[id]": async () => notFound(await api(`/api/v1/keys/${ids.apiKey}`)),
    "DELETE /api/v1/keys/[id]": async () => notFound(await api(`/api/v1/keys/${ids.apiKey}`, { method: "DELETE" })),
    "POST /api/v1/keys/[id]/rotate": async () => notFound(await api(`/api/v1/keys/${ids.apiKey}/rotate`, { method: "POST" })),
    "GET /api/v1/audit": async () => noLeak(await api("/api/v1/audit?limit=500")),
  };

  it("answers a viewer asking for bodies with 403, and without them with the rest", async () => {
    await createUserWithMembership({ email: "a-viewer@example.com", passwordHash: await hashPassword("correct-horse-9"), workspaceSlug: "default", role: "viewer" }, h.t.db);
    const viewer = await loginCookie(h.url, "a-viewer@example.com", "correct-horse-9");
    const withBodies = await fetch(`${h.url}/api/v1/requests/${ids.own}`, { headers: { cookie: viewer } });
    expect(withBodies.status).toBe(403);
    expect(await withBodies.text()).not.toContain("for members only");
    const without = await fetch(`${h.url}/api/v1/requests/${ids.own}?bodies=0`, { headers: { cookie: viewer } });
    expect(without.status).toBe(200);
    const body = (await without.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id: ids.own, userId: "a-user" });
    expect(JSON.stringify(body)).not.toContain("for members only");
    // A member of the same workspace reads them.
    expect(await (await fetch(`${h.url}/api/v1/requests/${ids.own}`, { headers: { cookie } })).text()).toContain("for members only");
  });

  /** The value each dynamic page segment gets: B's user, session and property key. */
  /** Read once the rows exist (their ids are made in beforeAll). */
  const pageParams = (): Record<string, string> => ({ "/users/[id]": `/users/${B.user}`, "/sessions/[id]": `/sessions/${B.session}`, "/properties/[key]": `/properties/${B.key}`, "/requests/[id]": `/requests/${ids.request}` });

  it("has a check for every API route, and none of them reaches another workspace", async () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !API_CHECKS[r]), "routes without an isolation check").toEqual([]);
    for (const route of routes) await API_CHECKS[route]!();
    // Nothing of B's was changed or deleted along the way.
    expect(await h.t.db.alertRule.findUniqueOrThrow({ where: { id: ids.alert } })).toMatchObject({ threshold: 1 });
    expect(await h.t.db.budget.count({ where: { id: ids.budget } })).toBe(1);
    expect(await h.t.db.apiKey.findUniqueOrThrow({ where: { id: ids.apiKey } })).toMatchObject({ revokedAt: null });
  });

  it("shows no other workspace's data on any dashboard page", async () => {
    const pages = dashboardPages();
    const unmapped = pages.filter((p) => p.includes("[") && !pageParams()[p]);
    expect(unmapped, "pages with parameters but no isolation check").toEqual([]);
    for (const page of pages) {
      const url = pageParams()[page] ?? page;
      const res = await fetch(`${h.url}${url}`, { headers: { cookie } });
      // B's user, session or property is not found in A's workspace, with a real 404 status.
      if (pageParams()[page]) expect(res.status, url).toBe(404);
      else expect(res.status, url).toBe(200);
      expect(leaks(await res.text(), url), url).toEqual([]);
    }
  });
});
