// `npm run bench:outage -- [--minutes 10] [--rate 1000] [--db postgres|sqlite]`: a database outage
// at a steady request rate, measured end to end with `npm start`: the database refuses every
// connection for the given minutes while calls arrive at the given rate, then comes back. Reports
// calls sent and answered, rows written, lost and duplicated, the server's RSS over time, the
// rows on disk at the peak and how long the backlog took to drain. Appends the result to
// .tmp/reliability-figures.jsonl (docs/reliability.md quotes it).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Agent, request } from "undici";
import { findOrCreateWorkspace } from "../../lib/db/accounts";
import { createApiKey } from "../../lib/db/api-keys";
import { startApp } from "../../tests/support/app";
import { healthUntil, metric } from "../../tests/support/app-state";
import { startFakeProviders } from "../../tests/support/fake-providers/server";
import { fakeProviderEnv } from "../../tests/support/gateway/harness";
import { cutDatabase, restoreDatabase } from "../../tests/support/outage";
import { recordFigures } from "../../tests/support/reliability-report";
import { type DatabaseKind, createTestDatabase } from "../../tests/support/test-db";

const { values } = parseArgs({ options: { minutes: { type: "string", default: "10" }, rate: { type: "string", default: "1000" }, db: { type: "string", default: "postgres" } } });
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const kind = values.db as DatabaseKind;

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;

async function main() {
  const t = await createTestDatabase(kind);
  const fake = await startFakeProviders();
  const workspace = await findOrCreateWorkspace("default", "Default", t.db);
  const { secret } = await createApiKey({ workspaceId: workspace.id, name: "outage bench" }, t.db);
  const app = await startApp(t.url, fakeProviderEnv(fake, { TOLLGATE_UPSTREAM_TIMEOUT_MS: "10000" }), "server");
  const pid = app.serverPid();
  const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 60_000 });
  const body = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Outage bench." }] });
  const ids: string[] = [];
  let sent = 0;
  let failed = 0;
  const statuses: Record<number, number> = {};
  const send = () => {
    sent++;
    request(`${app.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body, dispatcher })
      .then(async (res) => {
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        const id = res.headers["x-request-id"];
        await res.body.dump();
        if (typeof id === "string") ids.push(id);
      })
      .catch(() => failed++);
  };
  // Steady rate: a tick every 10 ms sends what is due, so the rate holds whatever the latency.
  const started = Date.now();
  const ticker = setInterval(() => {
    const due = Math.floor(((Date.now() - started) / 1000) * rate) - sent;
    for (let i = 0; i < due; i++) send();
  }, 10);

  const rss: { at: number; mb: number; spilled: number }[] = [];
  const sample = async () => rss.push({ at: Math.round((Date.now() - started) / 1000), mb: Math.round(rssOf(pid) / 1e6), spilled: (await metric(app.url, "tollgate_log_spilled_rows")) ?? 0 });
  await new Promise((r) => setTimeout(r, 5_000));
  await sample();
  console.log(`outage bench: cutting the ${kind} database for ${minutes} min at ${rate} req/s`);
  await cutDatabase(t);
  const outageEnd = Date.now() + minutes * 60_000;
  while (Date.now() < outageEnd) {
    await new Promise((r) => setTimeout(r, 10_000));
    await sample();
    console.log(`  ${rss.at(-1)!.at} s: RSS ${rss.at(-1)!.mb} MB, ${rss.at(-1)!.spilled} rows on disk, ${sent} sent`);
  }
  await restoreDatabase(t);
  const restored = Date.now();
  await new Promise((r) => setTimeout(r, 5_000));
  clearInterval(ticker);
  await new Promise((r) => setTimeout(r, 2_000));
  await healthUntil(app.url, (h) => h.log.pending === 0, 30 * 60_000);
  const drainedS = Math.round((Date.now() - restored) / 1000);
  await sample();
  const rows = await t.db.request.count({ where: { workspaceId: workspace.id } });
  const written = new Set((await t.db.request.findMany({ where: { workspaceId: workspace.id }, select: { id: true } })).map((r) => r.id));
  const lost = ids.filter((id) => !written.has(id)).length;
  const figures = {
    minutes,
    rate,
    sent,
    answered: ids.length,
    notAnswered: failed,
    logged: rows,
    lost,
    duplicated: rows - (ids.length - lost),
    gateway5xx: Object.entries(statuses).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0),
    peakRowsOnDisk: Math.max(...rss.map((s) => s.spilled)),
    rssStartMb: rss[0]!.mb,
    rssPeakMb: Math.max(...rss.map((s) => s.mb)),
    drainSeconds: drainedS,
  };
  recordFigures(`database outage of ${minutes} min at ${rate} req/s, ${kind}`, figures);
  await dispatcher.close();
  await app.stop();
  await fake.close();
  await t.drop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
