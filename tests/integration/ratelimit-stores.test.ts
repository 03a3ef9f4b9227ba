// The two rate-limit stores must agree, and hold exactly under concurrency.
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryRateLimitStore } from "@/lib/ratelimit/memory-store";
import { RedisRateLimitStore } from "@/lib/ratelimit/redis-store";
import type { Bucket, RateLimitStore } from "@/lib/ratelimit/types";
import { memberOf } from "@/lib/ratelimit/types";
import { TEST_REDIS_URL, deletePrefix, uniquePrefix } from "../support/redis";

const policy = { quota: 0, windowSeconds: 60, unit: "requests" as const, segment: { kind: "workspace" as const }, label: "" };
const bucket = (key: string, limit: number, amount = 1, windowMs = 60_000): Bucket => ({ key, limit, amount, windowMs, policy });

const prefix = uniquePrefix();
let redis: Redis;
beforeAll(() => {
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  redis.disconnect();
  await deletePrefix(prefix);
});

describe.each([
  ["in-process", () => new MemoryRateLimitStore()],
  ["Redis", () => new RedisRateLimitStore(redis, prefix)],
] as const)("%s rate-limit store", (_name, make) => {
  let store: RateLimitStore;
  beforeAll(() => {
    store = make();
  });

  it("lets exactly the quota through when 200 requests race", async () => {
    const decisions = await Promise.all(Array.from({ length: 200 }, (_, i) => store.take(`r${i}`, [bucket("race", 50)], Date.now())));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(50);
  });

  it("records a request in all of its buckets or in none", async () => {
    expect((await store.take("a", [bucket("wide", 10), bucket("narrow", 1)], Date.now())).allowed).toBe(true);
    const second = await store.take("b", [bucket("wide", 10), bucket("narrow", 1)], Date.now());
    expect(second).toMatchObject({ allowed: false, blockedIndex: 1 });
    const third = await store.take("c", [bucket("wide", 10)], Date.now());
    expect(third.allowed && third.states[0]!.remaining).toBe(8); // b was not recorded in "wide"
  });

  it("frees the window as uses age out", async () => {
    const now = Date.now();
    expect((await store.take("x", [bucket("slide", 1, 1, 1000)], now)).allowed).toBe(true);
    expect((await store.take("y", [bucket("slide", 1, 1, 1000)], now + 500)).allowed).toBe(false);
    const later = await store.take("z", [bucket("slide", 1, 1, 1000)], now + 1001);
    expect(later.allowed).toBe(true);
  });

  it("settles a reservation down to what was used, or releases it", async () => {
    const now = Date.now();
    await store.take("big", [bucket("money", 100, 80)], now);
    expect((await store.take("next", [bucket("money", 100, 30)], now)).allowed).toBe(false);
    await store.settle({ key: "money", member: memberOf("big", 80), amount: 80 }, 10);
    expect((await store.take("next", [bucket("money", 100, 30)], now)).allowed).toBe(true);
    await store.settle({ key: "money", member: memberOf("next", 30), amount: 30 }, 0);
    const after = await store.take("last", [bucket("money", 100, 90)], now);
    expect(after.allowed).toBe(true);
  });
});
