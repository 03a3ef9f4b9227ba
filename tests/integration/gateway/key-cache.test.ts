import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { createApiKey, findApiKeyByHash, revokeApiKey, touchApiKeys } from "@/lib/db/api-keys";
import { KeyCache } from "@/lib/gateway/key-cache";
import { type TestDatabase, createTestDatabase } from "../../support/test-db";

describe("gateway key cache", () => {
  let t: TestDatabase;
  let ws: string;
  let lookups = 0;
  let cache: KeyCache;

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    ws = (await findOrCreateWorkspace("w", "W", t.db)).id;
    cache = new KeyCache(
      (hash) => {
        lookups++;
        return findApiKeyByHash(hash, t.db);
      },
      (ids, at) => touchApiKeys(ids, at, t.db),
      { positiveMs: 300, negativeMs: 100 },
    );
  });
  afterAll(async () => {
    await cache.close();
    await t.drop();
  });

  it("answers repeated and concurrent lookups with one query", async () => {
    const { secret, id } = await createApiKey({ workspaceId: ws, name: "k" }, t.db);
    lookups = 0;
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.resolve(secret)));
    expect(results.every((k) => k?.id === id && k.workspaceId === ws)).toBe(true);
    await cache.resolve(secret);
    expect(lookups).toBe(1);
  });

  it("stops accepting a revoked key once its cache entry expires", async () => {
    const { secret, prefix } = await createApiKey({ workspaceId: ws, name: "soon revoked" }, t.db);
    expect(await cache.resolve(secret)).not.toBeNull();
    await revokeApiKey(ws, prefix, t.db);
    await new Promise((r) => setTimeout(r, 350));
    expect(await cache.resolve(secret)).toBeNull();
  });

  it("rejects an expired key even while cached", async () => {
    const { secret } = await createApiKey({ workspaceId: ws, name: "short", expiresAt: new Date(Date.now() + 150) }, t.db);
    expect(await cache.resolve(secret)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 200));
    expect(await cache.resolve(secret)).toBeNull();
  });

  it("records last use in one batched write", async () => {
    const { secret, id } = await createApiKey({ workspaceId: ws, name: "used" }, t.db);
    await cache.resolve(secret);
    expect((await t.db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeNull();
    await cache.flushUsage();
    expect((await t.db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
  });
});

describe("gateway key cache while the database is down", () => {
  it("keeps accepting a key it has seen, and still refuses unknown ones", async () => {
    let down = false;
    const t = await createTestDatabase("sqlite");
    try {
      const ws = (await findOrCreateWorkspace("w", "W", t.db)).id;
      const { secret } = await createApiKey({ workspaceId: ws, name: "k" }, t.db);
      const cache = new KeyCache(
        (hash) => (down ? Promise.reject(new Error("database unreachable")) : findApiKeyByHash(hash, t.db)),
        async () => {},
        { positiveMs: 50, negativeMs: 50 },
      );
      expect(await cache.resolve(secret)).not.toBeNull();
      down = true;
      await new Promise((r) => setTimeout(r, 80));
      expect(await cache.resolve(secret)).not.toBeNull();
      await expect(cache.resolve("tg_never_seen_before_000000000000")).rejects.toThrow("database unreachable");
      await cache.close();
    } finally {
      await t.drop();
    }
  });
});
