// A revoked or rotated key stops working within seconds on every replica: each gateway caches
// keys for 5 s at most, so two gateways over one database both refuse it soon after.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { listAuditEvents } from "@/lib/db/audit";
import { newKeySchema } from "@/lib/keys/schema";
import { createKey, revokeKey, rotateKey } from "@/lib/settings/keys";
import { fakeProviderEnv, startCore } from "../../support/gateway/harness";
import { type FakeProviders, startFakeProviders } from "../../support/fake-providers/server";
import { type TestDatabase, createTestDatabase } from "../../support/test-db";

const actor = { userId: null, label: "tests" };

describe("key revocation across two gateway replicas", () => {
  let t: TestDatabase;
  let fake: FakeProviders;
  let replicas: Awaited<ReturnType<typeof startCore>>[];
  let workspaceId: string;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    fake = await startFakeProviders();
    workspaceId = (await findOrCreateWorkspace("default", "Default", t.db)).id;
    replicas = await Promise.all([startCore(fakeProviderEnv(fake), t), startCore(fakeProviderEnv(fake), t)]);
  });
  afterAll(async () => {
    await Promise.all((replicas ?? []).map((r) => r.stop()));
    await fake?.close();
    await t?.drop();
  });

  const status = (url: string, secret: string) =>
    new OpenAI({ baseURL: `${url}/v1`, apiKey: secret, maxRetries: 0 }).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }).then(
      () => 200,
      (e: { status: number }) => e.status,
    );

  /** Seconds until every replica answers 401 for the secret. */
  async function secondsUntilRefused(secret: string): Promise<number> {
    const started = Date.now();
    for (;;) {
      const statuses = await Promise.all(replicas.map((r) => status(r.url, secret)));
      if (statuses.every((s) => s === 401)) return (Date.now() - started) / 1000;
      if (Date.now() - started > 15_000) throw new Error(`still answered ${statuses.join(", ")} after 15 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it("refuses a revoked key on both replicas within seconds", async () => {
    const key = await createKey(workspaceId, actor, newKeySchema.parse({ name: "to revoke" }), t.db);
    expect(await Promise.all(replicas.map((r) => status(r.url, key.secret)))).toEqual([200, 200]); // now cached on both
    await revokeKey(workspaceId, actor, key.id, t.db);
    expect(await secondsUntilRefused(key.secret)).toBeLessThan(7);
  });

  it("after a rotation, refuses the old secret and serves the new one, with the key's limits kept", async () => {
    const key = await createKey(workspaceId, actor, newKeySchema.parse({ name: "to rotate", rateLimitPerMinute: 100 }), t.db);
    expect(await status(replicas[0]!.url, key.secret)).toBe(200);
    const rotated = (await rotateKey(workspaceId, actor, key.id, t.db))!;
    expect(await Promise.all(replicas.map((r) => status(r.url, rotated.secret)))).toEqual([200, 200]);
    expect(await secondsUntilRefused(key.secret)).toBeLessThan(7);
    expect(await t.db.rateLimitRule.count({ where: { scope: "api_key", scopeValue: key.id } })).toBe(1);
    const actions = (await listAuditEvents(workspaceId, { limit: 10 }, t.db)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["key.created", "key.revoked", "key.rotated"]));
  });
});
