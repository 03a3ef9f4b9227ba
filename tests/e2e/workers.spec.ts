// Worker mode: `npm start` with TOLLGATE_WORKERS=3 runs three gateway processes behind one port
// (the dashboard in one of them) and no Redis. What must hold is what one process guarantees:
// a limit is counted once across the workers, a cached answer saved by one is a hit in the
// others, every answered call has exactly one row (on SQLite through the one writer), health
// and metrics count every worker, a worker that dies is replaced (and answers during a database
// outage with what the others read), a worker killed under load loses no queued row, and SIGTERM
// under load loses nothing. Connections are
// spread over the workers by the primary, round robin.
import { readFileSync } from "node:fs";
import OpenAI from "openai";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../support/app";
import { type GatewayHarness, fakeProviderEnv, startGatewayHarness } from "../support/gateway/harness";
import { type CallSpec, call, deployMix, sleep, startLoad } from "../support/load";
import { cutDatabase, restoreDatabase } from "../support/outage";
import { DATABASE_KINDS } from "../support/test-db";

const WORKERS = 3;
const env = { TOLLGATE_WORKERS: String(WORKERS), TOLLGATE_SHUTDOWN_GRACE_MS: "3000" };

const childrenOf = (pid: number) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

const health = async (url: string) => (await (await fetch(`${url}/api/health`)).json()) as { status: string; log: { pending?: number; written?: number } };

/** Each call on a connection of its own, so the primary hands them to different workers. */
const onNewConnection = async (url: string, key: string, spec: CallSpec) => {
  const dispatcher = new Agent({ pipelining: 0 });
  try {
    return await call(url, spec, key, dispatcher);
  } finally {
    await dispatcher.close();
  }
};

describe.each(DATABASE_KINDS)(`npm start with ${WORKERS} workers and no Redis (%s)`, (kind) => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness("server", kind, env);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it(`runs ${WORKERS} worker processes under one primary, and says so`, async () => {
    expect(childrenOf(h.process!.serverPid())).toHaveLength(WORKERS);
    await until("the ready line", async () => h.output(), (output) => output.includes(`(${WORKERS} workers)`));
  });

  it("lets exactly the quota through, however the calls spread over the workers", async () => {
    h.fake.reset();
    const client = new OpenAI({ baseURL: `${h.url}/v1`, apiKey: h.key, maxRetries: 0 });
    const headers = { "Helicone-RateLimit-Policy": "30;w=60;s=user", "Helicone-User-Id": "limited" };
    const statuses = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: `n${i}` }] }, { headers }).then(
          () => 200,
          (e: { status: number }) => e.status,
        ),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(90);
    expect(h.fake.counts()["/v1/chat/completions"]).toBe(30);
  });

  it("answers from the cache a call another worker saved", async () => {
    h.fake.reset();
    const spec: CallSpec = { path: "/v1/chat/completions", body: { model: "gpt-4o-mini", messages: [{ role: "user", content: "cache me across workers" }] }, headers: { "Helicone-Cache-Enabled": "true" } };
    const first = await onNewConnection(h.url, h.key, spec);
    expect(first.status).toBe(200);
    await h.row(first.id!); // saved once its answer is complete
    const later = [];
    for (let i = 0; i < 2 * WORKERS; i++) later.push(await onNewConnection(h.url, h.key, spec));
    expect(later.map((o) => o.status)).toEqual(later.map(() => 200));
    expect(h.fake.counts()["/v1/chat/completions"]).toBe(1);
    for (const o of later) expect((await h.row(o.id!)).cacheStatus).toBe("HIT");
  });

  it("counts every worker's log rows in /api/health and /metrics", async () => {
    for (let i = 0; i < 2 * WORKERS; i++) {
      const o = await onNewConnection(h.url, h.key, { path: "/v1/chat/completions", body: { model: "gpt-4o-mini", messages: [{ role: "user", content: `count ${i}` }] } });
      expect(o.status).toBe(200);
    }
    await until("the log written", () => health(h.url), (s) => s.log.pending === 0);
    const rows = await h.t.db.request.count({ where: { workspaceId: h.workspaceId } });
    const state = await health(h.url);
    expect(state.log.written).toBe(rows);
    expect(state.status).toBe("ok");
    const text = await (await fetch(`${h.url}/metrics`)).text();
    expect(text).toMatch(new RegExp(`^tollgate_log_rows_written ${rows}$`, "m"));
    const answered = [...text.matchAll(/^tollgate_gateway_requests_total\{[^}]*\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
    expect(answered).toBe(rows);
  });

  it("replaces a worker that dies, and the new one serves even while the database is away", async () => {
    const primary = h.process!.serverPid();
    const [victim] = childrenOf(primary).slice(-1);
    process.kill(victim!, "SIGKILL");
    await until("a new worker", async () => childrenOf(primary), (c) => c.length === WORKERS && !c.includes(victim!));
    expect(h.output()).toContain(`worker ${victim}`);
    // The new worker has read nothing yet: the key and settings others read come from the primary.
    await cutDatabase(h.t);
    const outcomes = [];
    try {
      for (let i = 0; i < 2 * WORKERS; i++) outcomes.push(await onNewConnection(h.url, h.key, { path: "/v1/chat/completions", body: { model: "gpt-4o-mini", messages: [{ role: "user", content: "while the database is away" }] } }));
    } finally {
      await restoreDatabase(h.t);
    }
    expect(outcomes.map((o) => o.status)).toEqual(outcomes.map(() => 200));
    for (const o of outcomes) await h.row(o.id!); // written once the database is back
    expect((await fetch(`${h.url}/requests`, { redirect: "manual" })).status).toBeLessThan(500); // the dashboard, through any worker
  });

  it("writes the rows a worker killed with SIGKILL under load had queued, through the worker that replaces it", async () => {
    const primary = h.process!.serverPid();
    const load = startLoad(h.url, h.key, 16, () => ({ path: "/v1/chat/completions", body: { model: "gpt-4o-mini", messages: [{ role: "user", content: "kill one" }] }, headers: { "Helicone-User-Id": "sigkill" } }));
    await load.answered(100);
    const [victim] = childrenOf(primary).slice(-1);
    process.kill(victim!, "SIGKILL");
    await sleep(300);
    const outcomes = await load.stop();
    const answered = outcomes.filter((o) => o.status !== null);
    expect(answered.every((o) => o.status === 200)).toBe(true);
    const unlogged = async () => {
      const rows = await h.t.db.request.findMany({ where: { workspaceId: h.workspaceId, userId: "sigkill" }, select: { id: true } });
      const logged = new Set(rows.map((r) => r.id));
      return answered.filter((o) => !logged.has(o.id!)).length;
    };
    // At most the one call whose answer the victim was finishing (docs/reliability.md).
    expect(await until("the victim's queued rows written", unlogged, (n) => n <= 1, 20_000)).toBeLessThanOrEqual(1);
    await until("a new worker", async () => childrenOf(primary), (c) => c.length === WORKERS);
  });

  it("on SIGTERM under load answers without a 5xx and logs every answered call exactly once", async () => {
    const load = startLoad(h.url, h.key, 16, deployMix({ "Helicone-User-Id": "deploy" }));
    await sleep(1500); // slow calls and streams are in flight
    await load.answered(100);
    await h.stopApp();
    const outcomes = await load.stop();
    // What a worker could not write before the end waits on disk for the next start.
    const next = await startApp(h.t.url, fakeProviderEnv(h.fake, env));
    await until("the next start writes what was left", () => health(next.url), (s) => s.log.pending === 0);
    await next.stop();
    const answered = outcomes.filter((o) => o.status !== null);
    expect(answered.length).toBeGreaterThan(100);
    expect(answered.filter((o) => o.status! >= 500)).toHaveLength(0);
    expect(answered.filter((o) => o.cut)).toHaveLength(0);
    const rows = await h.t.db.request.findMany({ where: { workspaceId: h.workspaceId, userId: "deploy" }, select: { id: true } });
    const logged = new Set(rows.map((r) => r.id));
    expect(answered.filter((o) => !o.id || !logged.has(o.id))).toHaveLength(0);
    expect(rows.length).toBe(answered.length);
  });
});
