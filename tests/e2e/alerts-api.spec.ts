// The alerts and budgets API over HTTP, as scripts and infrastructure-as-code call it:
// owner/admin keys change settings, member keys only read, other workspaces' ids are not found,
// bad input gets a field-level 400, and a budget set through the API blocks the gateway.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership, findOrCreateWorkspace } from "@/lib/db/accounts";
import { createAlertRule } from "@/lib/db/alert-rules";
import { createApiKey } from "@/lib/db/api-keys";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { startHttpReceiver, type HttpReceiver } from "../support/receivers";
import { loginCookie } from "../support/session-login";

describe("alerts and budgets API", () => {
  let h: GatewayHarness;
  let receiver: HttpReceiver;
  let adminKey: string;
  let memberKey: string;
  let otherAlertId: string;

  const api = (path: string, init: RequestInit & { key?: string; json?: unknown } = {}) =>
    fetch(`${h.url}/api/v1${path}`, {
      ...init,
      headers: { ...(init.key ? { authorization: `Bearer ${init.key}` } : {}), ...(init.json !== undefined ? { "content-type": "application/json" } : {}), ...(init.headers as Record<string, string>) },
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });

  beforeAll(async () => {
    receiver = await startHttpReceiver();
    h = await startGatewayHarness("server", "postgres", { TOLLGATE_ALLOW_PRIVATE_WEBHOOKS: "1" });
    const passwordHash = await hashPassword("admin-password-1");
    const { user: admin } = await createUserWithMembership({ email: "admin@acme.test", passwordHash, workspaceSlug: "default", role: "admin" }, h.t.db);
    const { user: member } = await createUserWithMembership({ email: "member@acme.test", passwordHash, workspaceSlug: "default", role: "member" }, h.t.db);
    adminKey = (await createApiKey({ workspaceId: h.workspaceId, name: "terraform", createdById: admin.id }, h.t.db)).secret;
    memberKey = (await createApiKey({ workspaceId: h.workspaceId, name: "member script", createdById: member.id }, h.t.db)).secret;
    const other = await findOrCreateWorkspace("other", "Other", h.t.db);
    otherAlertId = (await createAlertRule(other.id, { name: "Theirs", enabled: true, metric: "requests", comparison: "gt", threshold: 1, window: { kind: "rolling", minutes: 5 }, minRequests: 0, cooldownMinutes: 15, channels: { emails: [] } }, h.t.db)).id;
  });
  afterAll(async () => {
    await h?.stop();
    await receiver?.close();
  });

  it("creates, reads, changes, tests and deletes an alert with an admin's key", async () => {
    const created = await api("/alerts", {
      method: "POST",
      key: adminKey,
      json: { name: "Daily spend", metric: "spend", threshold: 50, window: { kind: "calendar_day" }, channels: { webhookUrl: `${receiver.url}/hook` } },
    });
    expect(created.status).toBe(201);
    const alert = (await created.json()) as { id: string; comparison: string; cooldownMinutes: number };
    expect(alert).toMatchObject({ comparison: "gt", cooldownMinutes: 15 });

    // Members read alerts, but channel URLs (which often carry a token) only as their host.
    const list = (await (await api("/alerts", { key: memberKey })).json()) as { data: { id: string; channels: { webhookUrl: string } }[] };
    expect(list.data.map((a) => a.id)).toEqual([alert.id]);
    expect(list.data[0]!.channels.webhookUrl).toBe(`${receiver.url}/…`);
    expect(((await (await api(`/alerts/${alert.id}`, { key: adminKey })).json()) as { channels: { webhookUrl: string } }).channels.webhookUrl).toBe(`${receiver.url}/hook`);

    const patched = await api(`/alerts/${alert.id}`, { method: "PATCH", key: adminKey, json: { threshold: 75, enabled: false } });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: alert.id, threshold: 75, enabled: false, name: "Daily spend", window: { kind: "calendar_day" } });

    const tested = await api(`/alerts/${alert.id}/test`, { method: "POST", key: adminKey });
    expect(tested.status).toBe(200);
    expect(((await tested.json()) as { outcomes: unknown[] }).outcomes).toEqual([{ channel: "webhook", target: `${receiver.url}/hook`, status: "delivered", attempts: 1, error: null }]);
    const [received] = await receiver.waitFor(1);
    expect(JSON.parse(received!.body)).toMatchObject({ type: "alert.test", threshold: 75 });

    const events = (await (await api(`/alerts/events?alertId=${alert.id}`, { key: adminKey })).json()) as { data: { kind: string; alertName: string; deliveries: { status: string }[]; notice: { type: string } }[] };
    expect(events.data).toMatchObject([{ kind: "test", alertName: "Daily spend", deliveries: [{ status: "delivered" }], notice: { type: "alert.test" } }]);

    expect((await api(`/alerts/${alert.id}`, { method: "DELETE", key: adminKey })).status).toBe(204);
    expect((await api(`/alerts/${alert.id}`, { key: adminKey })).status).toBe(404);
  });

  it("answers bad input with a 400 naming each field", async () => {
    const res = await api("/alerts", { method: "POST", key: adminKey, json: { name: "", metric: "spend", threshold: -5, window: { kind: "rolling", minutes: 1 }, channels: { emails: ["nope"], webhookUrl: "ftp://example.com" } } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { field: string; message: string }[] } };
    expect(body.error.code).toBe("invalid_body");
    expect(Object.fromEntries(body.error.details.map((d) => [d.field, d.message]))).toEqual({
      name: "Name is required",
      threshold: "The threshold cannot be negative",
      "window.minutes": "A rolling window is at least 5 minutes",
      "channels.emails.0": "Enter a valid email address",
      "channels.webhookUrl": "Enter an http:// or https:// URL",
    });
    expect((await api("/alerts", { method: "POST", key: adminKey, body: "{not json", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await api("/alerts", { method: "POST", key: adminKey, json: { name: "x".repeat(70_000) } })).status).toBe(413);
    expect((await api("/budgets", { method: "POST", key: adminKey, json: { name: "B", scope: "property", limitUsd: 0, period: "year" } })).status).toBe(400);
  });

  it("lets members read but not change, and hides other workspaces' alerts", async () => {
    expect((await api("/alerts", { method: "POST", key: memberKey, json: { name: "Mine", metric: "requests", threshold: 1, window: { kind: "calendar_day" } } })).status).toBe(403);
    expect((await api("/budgets", { key: memberKey })).status).toBe(200);
    expect((await api("/alerts")).status).toBe(401);
    for (const init of [{}, { method: "PATCH", json: { threshold: 1 } }, { method: "DELETE" }, { method: "POST" }]) {
      const path = init.method === "POST" ? `/alerts/${otherAlertId}/test` : `/alerts/${otherAlertId}`;
      expect((await api(path, { ...init, key: adminKey })).status, `${init.method ?? "GET"} ${path}`).toBe(404);
    }
  });

  it("refuses a signed-in admin's change sent from another site", async () => {
    const cookie = await loginCookie(h.url, "admin@acme.test", "admin-password-1");
    const json = { name: "From the UI", metric: "requests", threshold: 10, window: { kind: "calendar_day" } };
    expect((await api("/alerts", { method: "POST", json, headers: { cookie, origin: "https://evil.example" } })).status).toBe(403);
    expect((await api("/alerts", { method: "POST", json, headers: { cookie, origin: h.url } })).status).toBe(201);
  });

  it("sets a budget through the API that the gateway then enforces, with this period's spend", async () => {
    const created = await api("/budgets", { method: "POST", key: adminKey, json: { name: "Tiny", scope: "user", scopeValue: "api-user", limitUsd: 0.000001, period: "month" } });
    expect(created.status).toBe(201);
    const budget = (await created.json()) as { id: string; limitUsd: number; currentPeriod: { spent: { scopeValue: string; spentUsd: number }[] } };
    expect(budget).toMatchObject({ limitUsd: 0.000001, currentPeriod: { spent: [{ scopeValue: "api-user", spentUsd: 0 }] } });
    expect(budget).not.toHaveProperty("limitNanoUsd");
    await new Promise((r) => setTimeout(r, 400)); // the gateway's budget cache (TOLLGATE_BUDGET_TTL_MS)
    const client = new OpenAI({ baseURL: `${h.url}/v1`, apiKey: h.key, maxRetries: 0 });
    const refused = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], user: "api-user" }).catch((e: InstanceType<typeof OpenAI.APIError>) => e);
    expect(refused).toMatchObject({ status: 429, error: { type: "budget_exceeded" } });

    expect((await api(`/budgets/${budget.id}`, { method: "PATCH", key: adminKey, json: { limitUsd: 100 } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], user: "api-user" });
    expect((await api(`/budgets/${budget.id}`, { method: "DELETE", key: adminKey })).status).toBe(204);
  });
});
