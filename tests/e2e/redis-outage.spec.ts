// Redis dies under a replica: cache calls cost at most a few milliseconds more than plain ones
// and are misses, rate limits hold in this process, health and metrics say so, and everything
// returns to Redis when it is back. A reused Helicone-Request-Id never passes a limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { healthUntil, metric } from "../support/app-state";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { type CallSpec, call } from "../support/load";
import { type OwnRedis, startOwnRedis } from "../support/redis";
import { recordFigures } from "../support/reliability-report";

const body = (content: string) => ({ model: "gpt-4o-mini", messages: [{ role: "user", content }] });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe("a Redis outage under a replica", () => {
  let redis: OwnRedis;
  let h: GatewayHarness;
  beforeAll(async () => {
    redis = await startOwnRedis();
    h = await startGatewayHarness("server", "postgres", () => ({ REDIS_URL: redis.url }));
  });
  afterAll(async () => {
    await h?.stop();
    await redis?.kill().catch(() => {});
  });

  /** Median latency of `n` calls made one after another. */
  async function timed(n: number, spec: (i: number) => CallSpec) {
    const outcomes = [];
    for (let i = 0; i < n; i++) outcomes.push(await call(h.url, spec(i), h.key));
    return { ms: median(outcomes.map((o) => o.ms)), statuses: outcomes.map((o) => o.status) };
  }

  const plain = (i: number): CallSpec => ({ path: "/v1/chat/completions", body: body(`plain ${i}`) });
  const cached = (i: number): CallSpec => ({ path: "/v1/chat/completions", body: body(`cached ${i}`), headers: { "helicone-cache-enabled": "true" } });
  const limited = (user: string, headers: Record<string, string> = {}): CallSpec => ({
    path: "/v1/chat/completions",
    body: body("limited"),
    headers: { "helicone-ratelimit-policy": "5;w=60;s=user", "helicone-user-id": user, ...headers },
  });

  it("counts a reused Helicone-Request-Id against the limit every time, and logs each call", async () => {
    const outcomes = [];
    for (let i = 0; i < 20; i++) outcomes.push(await call(h.url, limited("reuser", { "helicone-request-id": "same-id-every-time" }), h.key));
    expect(outcomes.filter((o) => o.status === 200)).toHaveLength(5);
    expect(outcomes.filter((o) => o.status === 429)).toHaveLength(15);
    const rows = await Promise.all(outcomes.map((o) => h.row(o.id!)));
    expect(rows.every((r) => r.clientRequestId === "same-id-every-time")).toBe(true);
    expect(new Set(rows.map((r) => r.id)).size).toBe(20);
  });

  it("answers cache calls as misses within milliseconds of plain calls while Redis is down, and limits hold in-process", async () => {
    const up = { plain: await timed(40, plain), cached: await timed(40, cached) };
    // Redis is up: under a loaded machine two slow commands in a row open the breaker for its
    // cooldown (a slow Redis counts as down), so wait for it to close rather than race it.
    expect((await healthUntil(h.url, (s) => s.redis === "ok")).redis).toBe("ok");
    await redis.kill();
    await call(h.url, cached(1000), h.key); // the first call finds Redis gone
    const down = await healthUntil(h.url, (s) => s.redis === "unreachable");
    expect(down.status).toBe("degraded");
    expect(await metric(h.url, "tollgate_redis_up")).toBe(0);
    const during = { plain: await timed(40, plain), cached: await timed(40, (i) => cached(i + 2000)) };
    expect(during.cached.statuses.every((s) => s === 200)).toBe(true);
    const limitedDuring = [];
    for (let i = 0; i < 20; i++) limitedDuring.push((await call(h.url, limited("during-outage"), h.key)).status);
    recordFigures("Redis killed under a replica (median ms, sequential calls)", {
      plainUp: up.plain.ms.toFixed(2),
      cachedUp: up.cached.ms.toFixed(2),
      plainDown: during.plain.ms.toFixed(2),
      cachedDown: during.cached.ms.toFixed(2),
      limitedAllowedOf20: limitedDuring.filter((s) => s === 200).length,
    });
    expect(during.cached.ms - during.plain.ms).toBeLessThan(5);
    expect(limitedDuring.filter((s) => s === 200)).toHaveLength(5);
    expect(limitedDuring.filter((s) => s === 429)).toHaveLength(15);

    await redis.start();
    await healthUntil(h.url, (s) => s.redis === "ok" && s.status === "ok", 15_000);
    const first = await call(h.url, cached(5000), h.key);
    const second = await call(h.url, cached(5000), h.key);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect((await h.row(second.id!)).cacheStatus).toBe("HIT");
  });
});
