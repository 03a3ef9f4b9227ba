// Every answered call is one row, on both databases, whatever the call and the state around it:
// plain, cached and rate-limited calls and malformed ones (broken JSON, a wrong type, a missing
// field), before and after Redis is killed, then a SIGTERM. The rows are counted against the
// answers' ids: none missing, none twice, none for a call nobody was answered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { type CallSpec, type Outcome, call } from "../support/load";
import { type OwnRedis, startOwnRedis } from "../support/redis";
import { DATABASE_KINDS } from "../support/test-db";

const chat = (content: string, headers: Record<string, string> = {}): CallSpec => ({ path: "/v1/chat/completions", body: { model: "gpt-4o-mini", messages: [{ role: "user", content }] }, headers });

const SPECS: Record<string, { spec: CallSpec; status: number }> = {
  plain: { spec: chat("plain"), status: 200 },
  cached: { spec: chat("cached", { "helicone-cache-enabled": "true" }), status: 200 },
  limited: { spec: chat("limited", { "helicone-ratelimit-policy": "1000;w=60;s=user", "helicone-user-id": "one-row" }), status: 200 },
  "broken JSON": { spec: { path: "/v1/chat/completions", body: '{"model":"gpt-4o-mini","messages":[' }, status: 400 },
  "messages not a list": { spec: { path: "/v1/chat/completions", body: { model: "gpt-4o-mini", messages: "hello" } }, status: 400 },
  "no model": { spec: { path: "/v1/chat/completions", body: { messages: [{ role: "user", content: "x" }] } }, status: 400 },
};

describe.each(DATABASE_KINDS)("one row per answered call through a dead Redis and malformed requests (npm start, %s)", (kind) => {
  let redis: OwnRedis;
  let redisUp = false;
  let h: GatewayHarness;
  beforeAll(async () => {
    redis = await startOwnRedis();
    redisUp = true;
    h = await startGatewayHarness("server", kind, () => ({ REDIS_URL: redis.url }));
  });
  afterAll(async () => {
    await h?.stop();
    if (redisUp) await redis.kill();
  });

  it("writes exactly one row for each answer, and none for anything else", async () => {
    const outcomes: (Outcome & { name: string })[] = [];
    const round = async () => {
      for (const [name, { spec }] of Object.entries(SPECS)) {
        outcomes.push(...(await Promise.all(Array.from({ length: 4 }, async () => ({ ...(await call(h.url, spec, h.key)), name })))));
      }
    };
    await round();
    await redis.kill();
    redisUp = false;
    await round();
    await h.stopApp(); // SIGTERM: the log is flushed before the process exits

    for (const o of outcomes) expect(`${o.name}: ${o.status}`).toBe(`${o.name}: ${SPECS[o.name]!.status}`);
    const rows = await h.t.db.request.findMany({ where: { workspaceId: h.workspaceId }, select: { id: true, status: true } });
    expect(rows.map((r) => r.id).sort()).toEqual(outcomes.map((o) => o.id!).sort());
    expect(rows.filter((r) => r.status === 400)).toHaveLength(outcomes.filter((o) => o.status === 400).length);
  });
});
