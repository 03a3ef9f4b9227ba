// The API keys and audit API over HTTP, as provisioning scripts call them: an admin's key creates
// a key with its own rate limit and budget (the secret comes back once and works at the gateway),
// rotates it (the old secret is refused within seconds) and revokes it (then refused too); a
// member manages only their own keys; a viewer none; bad input gets a field-level 400; and the
// audit log, for owners and admins only, records each change.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership } from "@/lib/db/accounts";
import { createApiKey } from "@/lib/db/api-keys";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { loginCookie } from "../support/session-login";

describe("API keys and audit API", () => {
  let h: GatewayHarness;
  let adminKey: string;
  let memberKey: string;
  let viewerCookie: string;

  const api = (path: string, init: { method?: string; key?: string; cookie?: string; json?: unknown } = {}) =>
    fetch(`${h.url}/api/v1${path}`, {
      method: init.method ?? "GET",
      headers: {
        ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
        ...(init.cookie ? { cookie: init.cookie, origin: h.url } : {}),
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });
  /** The gateway's answer to a call with this secret: 200, or the error's status. */
  const gateway = (secret: string) =>
    new OpenAI({ baseURL: `${h.url}/v1`, apiKey: secret, maxRetries: 0 }).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }).then(
      () => 200,
      (e: { status?: number }) => e.status,
    );

  beforeAll(async () => {
    h = await startGatewayHarness("server", "sqlite");
    const passwordHash = await hashPassword("correct-horse-9");
    const { user: admin } = await createUserWithMembership({ email: "admin@acme.test", passwordHash, workspaceSlug: "default", role: "admin" }, h.t.db);
    const { user: member } = await createUserWithMembership({ email: "member@acme.test", passwordHash, workspaceSlug: "default", role: "member" }, h.t.db);
    await createUserWithMembership({ email: "viewer@acme.test", passwordHash, workspaceSlug: "default", role: "viewer" }, h.t.db);
    adminKey = (await createApiKey({ workspaceId: h.workspaceId, name: "provisioning", createdById: admin.id }, h.t.db)).secret;
    memberKey = (await createApiKey({ workspaceId: h.workspaceId, name: "member script", createdById: member.id }, h.t.db)).secret;
    viewerCookie = await loginCookie(h.url, "viewer@acme.test", "correct-horse-9");
  });
  afterAll(() => h?.stop());

  it("creates a key with its own limit and budget, rotates it and revokes it", async () => {
    const created = await api("/keys", { method: "POST", key: adminKey, json: { name: "checkout service", allowedModels: ["gpt-4o-mini"], rateLimitPerMinute: 100, budgetUsd: 25, budgetPeriod: "month" } });
    expect(created.status).toBe(201);
    const key = (await created.json()) as { id: string; prefix: string; secret: string; allowedModels: string[] };
    expect(key).toMatchObject({ name: "checkout service", allowedModels: ["gpt-4o-mini"], revokedAt: null });
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    expect(await gateway(key.secret)).toBe(200);
    // Its own rate limit and budget are ordinary rules scoped to it.
    expect(await h.t.db.rateLimitRule.count({ where: { scope: "api_key", scopeValue: key.id, quota: 100 } })).toBe(1);
    expect(await h.t.db.budget.count({ where: { scope: "api_key", scopeValue: key.id } })).toBe(1);

    const listed = await (await api("/keys", { key: memberKey })).text();
    expect(listed).toContain(key.prefix);
    expect(listed).not.toContain(key.secret);
    expect(await (await api(`/keys/${key.id}`, { key: memberKey })).json()).toMatchObject({ id: key.id, prefix: key.prefix });

    const rotated = await api(`/keys/${key.id}/rotate`, { method: "POST", key: adminKey });
    expect(rotated.status).toBe(200);
    const { secret: newSecret } = (await rotated.json()) as { secret: string };
    expect(newSecret).not.toBe(key.secret);
    expect(await gateway(newSecret)).toBe(200);
    await expect.poll(() => gateway(key.secret), { timeout: 15_000, interval: 500 }).toBe(401);

    expect((await api(`/keys/${key.id}`, { method: "DELETE", key: adminKey })).status).toBe(204);
    await expect.poll(() => gateway(newSecret), { timeout: 15_000, interval: 500 }).toBe(401);
    expect((await api(`/keys/${key.id}/rotate`, { method: "POST", key: adminKey })).status).toBe(409);
    expect((await api("/keys/not-a-key", { method: "DELETE", key: adminKey })).status).toBe(404);
  });

  it("lets a member manage only their own keys, and a viewer none", async () => {
    const own = await api("/keys", { method: "POST", key: memberKey, json: { name: "my notebook" } });
    expect(own.status).toBe(201);
    const { id } = (await own.json()) as { id: string };
    const admins = (await (await api("/keys", { method: "POST", key: adminKey, json: { name: "admin's" } })).json()) as { id: string };
    const refused = await api(`/keys/${admins.id}`, { method: "DELETE", key: memberKey });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "forbidden" } });
    expect((await api(`/keys/${admins.id}/rotate`, { method: "POST", key: memberKey })).status).toBe(403);
    expect((await api(`/keys/${id}`, { method: "DELETE", key: memberKey })).status).toBe(204);

    expect((await api("/keys", { method: "POST", cookie: viewerCookie, json: { name: "viewer's" } })).status).toBe(403);
    expect((await api("/keys", { cookie: viewerCookie })).status).toBe(200);
    expect(await h.t.db.apiKey.count({ where: { name: "viewer's" } })).toBe(0);
  });

  it("answers bad input with the field at fault", async () => {
    const res = await api("/keys", { method: "POST", key: adminKey, json: { name: "", rateLimitPerMinute: 0, expiresAt: "2000-01-01" } });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; details: { field: string; message: string }[] } };
    expect(error.code).toBe("invalid_body");
    expect(error.details.map((d) => d.field).sort()).toEqual(["expiresAt", "name", "rateLimitPerMinute"]);
    expect(error.details.find((d) => d.field === "expiresAt")?.message).toBe("The expiry must be in the future");
  });

  it("shows owners and admins the audit log of these changes, and no one else", async () => {
    const res = await api("/audit?limit=500", { key: adminKey });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { action: string; target: string; actor: { label: string } }[] };
    const checkout = data.filter((e) => e.target.startsWith("checkout service") && e.action.startsWith("key.")).map((e) => e.action);
    expect(checkout).toEqual(["key.revoked", "key.rotated", "key.created"]);
    expect(data.find((e) => e.target.startsWith("my notebook"))?.actor.label).toMatch(/^API key tg_/);
    expect((await api("/audit", { key: memberKey })).status).toBe(403);
    expect((await api("/audit", { cookie: viewerCookie })).status).toBe(403);
    expect((await api("/audit?limit=0", { key: adminKey })).status).toBe(400);
  });
});
