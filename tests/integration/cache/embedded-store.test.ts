import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedCacheStore } from "@/lib/cache/embedded-store";
import type { CachedResponse, CacheSettings } from "@/lib/cache/types";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { deleteExpiredCacheEntries } from "@/lib/db/cache-entries";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

const response = (body: string): CachedResponse => ({
  status: 200,
  contentType: "application/json",
  body,
  streamed: false,
  provider: "openai",
  modelServed: "gpt-4o-mini",
  promptTokens: 1,
  completionTokens: 2,
  cachedInputTokens: 0,
  reasoningTokens: 0,
  costNanoUsd: "1350",
});
const settings = (overrides: Partial<CacheSettings> = {}): CacheSettings => ({ read: true, save: true, ttlSeconds: 60, bucketSize: 1, seed: undefined, ignoreKeys: [], ...overrides });

describe.each(DATABASE_KINDS)("embedded response cache on %s", (kind) => {
  let t: TestDatabase;
  let ws: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await findOrCreateWorkspace("w", "W", t.db)).id;
  });
  afterAll(() => t?.drop());

  it("survives a restart: a new process reads what the last one stored", async () => {
    const before = new EmbeddedCacheStore(() => t.db);
    await before.save("k-restart", ws, response('{"a":1}'), settings());
    await before.close();
    const after = new EmbeddedCacheStore(() => t.db);
    expect(await after.read("k-restart", 1)).toEqual({ response: response('{"a":1}'), bucketIndex: 0 });
    await after.close();
  });

  it("fills a bucket to its size and no further, even from two processes", async () => {
    const a = new EmbeddedCacheStore(() => t.db);
    const b = new EmbeddedCacheStore(() => t.db);
    await a.save("k-bucket", ws, response("1"), settings({ bucketSize: 2 }));
    expect(await b.read("k-bucket", 2)).toBeNull();
    await b.save("k-bucket", ws, response("2"), settings({ bucketSize: 2 }));
    await a.save("k-bucket", ws, response("3"), settings({ bucketSize: 2 })); // a's memory says one entry: the database refuses slot 1
    expect(await t.db.cacheEntry.count({ where: { key: "k-bucket" } })).toBe(2);
    const fresh = new EmbeddedCacheStore(() => t.db);
    const hit = await fresh.read("k-bucket", 2);
    expect(["1", "2"]).toContain(hit?.response.body);
    await Promise.all([a.close(), b.close(), fresh.close()]);
  });

  it("stops serving expired entries and deletes them", async () => {
    const store = new EmbeddedCacheStore(() => t.db);
    await store.save("k-ttl", ws, response("x"), settings({ ttlSeconds: 1 }));
    expect(await store.read("k-ttl", 1)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1100));
    expect(await store.read("k-ttl", 1)).toBeNull();
    expect(await deleteExpiredCacheEntries(new Date(), t.db)).toBeGreaterThanOrEqual(1);
    expect(await t.db.cacheEntry.count({ where: { key: "k-ttl" } })).toBe(0);
    await store.close();
  });
});
