// The database goes away under load and comes back: calls keep being answered, the log holds
// its rows (on disk beyond a small memory bound), /api/health and /metrics say so while it
// lasts, and every answered call is written once it is back. A SIGKILL during the outage
// loses nothing the disk already holds: the next start writes it.
import { afterEach, describe, expect, it } from "vitest";
import { startApp } from "../support/app";
import { healthUntil, metric } from "../support/app-state";
import { type GatewayHarness, fakeProviderEnv, startGatewayHarness } from "../support/gateway/harness";
import { type CallSpec, type Outcome, call, sleep, startLoad } from "../support/load";
import { cutDatabase, restoreDatabase } from "../support/outage";
import { recordFigures } from "../support/reliability-report";
import { DATABASE_KINDS } from "../support/test-db";

const chat: CallSpec = { path: "/v1/chat/completions", body: { model: "gpt-4o-mini", messages: [{ role: "user", content: "Is the database there?" }] } };
const ENV = { TOLLGATE_LOG_MEMORY_BYTES: String(256 * 1024) }; // small, so the outage spills to disk

async function loggedOf(h: GatewayHarness, outcomes: Outcome[]) {
  const rows = await h.t.db.request.findMany({ where: { workspaceId: h.workspaceId }, select: { id: true } });
  const ids = new Set(rows.map((r) => r.id));
  const answered = outcomes.filter((o) => o.status !== null);
  return { answered, rows: rows.length, lost: answered.filter((o) => !o.id || !ids.has(o.id)).length };
}

describe.each(DATABASE_KINDS)("a database outage under load on %s", (kind) => {
  let h: GatewayHarness | undefined;
  afterEach(async () => {
    if (h) await restoreDatabase(h.t).catch(() => {});
    await h?.stop();
  });

  it("keeps answering, reports it, and writes every answered call once the database is back", async () => {
    h = await startGatewayHarness("server", kind, ENV);
    const url = h.url;
    for (let i = 0; i < 20; i++) await call(url, chat, h.key); // warm: keys and settings cached
    const rssBefore = (await metric(url, "tollgate_process_resident_memory_bytes"))!;
    const load = startLoad(url, h.key, 8, () => chat);
    await sleep(500);
    await cutDatabase(h.t);
    const during = await healthUntil(url, (s) => s.log.stalled === true && (s.log.spilled ?? 0) > 0);
    expect(during.status).toBe("degraded");
    expect(during.reasons!.join(" ")).toContain("not taking log writes");
    expect(await metric(url, "tollgate_log_stalled")).toBe(1);
    await sleep(3000);
    const spilled = (await metric(url, "tollgate_log_spilled_rows"))!;
    const rssDuring = (await metric(url, "tollgate_process_resident_memory_bytes"))!;
    await restoreDatabase(h.t);
    await sleep(1000);
    const outcomes = await load.stop();
    const after = await healthUntil(url, (s) => s.log.pending === 0 && s.status === "ok");
    const { answered, rows, lost } = await loggedOf(h, outcomes);
    const figures = {
      sent: outcomes.length,
      answered: answered.length,
      logged: rows,
      lost,
      duplicated: rows - (answered.length + 20 - lost),
      gateway5xx: answered.filter((o) => o.status! >= 500).length,
      spilledAtPeak: spilled,
      rssBeforeMb: Math.round(rssBefore / 1e6),
      rssDuringMb: Math.round(rssDuring / 1e6),
    };
    recordFigures(`database outage of ~4 s under load, ${kind}`, figures);
    expect(spilled).toBeGreaterThan(100);
    expect(figures.gateway5xx).toBe(0);
    expect(lost).toBe(0);
    expect(rows).toBe(answered.length + 20);
    expect(after.log.dropped).toBe(0);
  });

  it("loses nothing the disk holds when killed with SIGKILL during an outage", async () => {
    h = await startGatewayHarness("server", kind, ENV);
    for (let i = 0; i < 5; i++) await call(h.url, chat, h.key);
    await healthUntil(h.url, (s) => s.log.pending === 0); // the warm-up rows are written
    await cutDatabase(h.t);
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 20; i++) outcomes.push(...(await Promise.all(Array.from({ length: 10 }, () => call(h!.url, chat, h!.key)))));
    // Every answered row is on disk once the writer has found the database gone: a spilled row is
    // counted only once it is written, so the kill can come at once.
    await healthUntil(h.url, (s) => s.log.stalled === true && s.log.spilled === 200);
    await h.process!.kill("SIGKILL");
    await restoreDatabase(h.t);
    const next = await startApp(h.t.url, fakeProviderEnv(h.fake, ENV), "server");
    await healthUntil(next.url, (s) => s.log.pending === 0);
    await next.stop();
    const { answered, rows, lost } = await loggedOf(h, outcomes);
    recordFigures(`SIGKILL during a database outage, ${kind}`, { answered: answered.length, logged: rows - 5, lost });
    expect(answered.every((o) => o.status === 200)).toBe(true);
    expect(lost).toBe(0);
  });
});
