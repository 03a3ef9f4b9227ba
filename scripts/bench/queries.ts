// Dashboard queries over a million requests (or BENCH_ROWS), on SQLite and on Postgres
// (BENCH_DATABASES=postgres for one): the generator writes the requests over 90 days through the
// log writer, then the pages are fetched over HTTP from the production build, signed in, as a
// browser would, and the analytics functions are timed on their own. Targets are the scale
// issue's, for ten million requests. BENCH_KEEP=1 keeps the generated database (and reuses it on
// the next run with the same BENCH_ROWS), so a ten-million-row data set is written once; one
// holding another number of rows (an interrupted run) is refused rather than measured.
import { mkdirSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";
import { type DatabaseKind, type TestDatabase, adminQuery, createTestDatabase, postgresUrlOf } from "../../tests/support/test-db";
import { createDb } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { resolveDatabase } from "../../lib/db/url";
import { startApp } from "../../tests/support/app";
import { loginCookie } from "../../tests/support/session-login";
import { hashPassword } from "../../lib/auth/passwords";
import { DEFAULT_WORKSPACE_SLUG, createUserWithMembership, findUserByEmail, findWorkspaceBySlug } from "../../lib/db/accounts";
import { costBreakdown } from "../../lib/analytics/cost";
import { requestQuerySchema } from "../../lib/analytics/request-query";
import { listRequests } from "../../lib/analytics/requests";
import { requestStats } from "../../lib/analytics/request-stats";
import { lastDays } from "../../lib/analytics/time-range";
import { SCALE_TRAFFIC, writeBulkTraffic } from "../lib/bulk-traffic";

export const BENCH_ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
export const BENCH_DATABASES = (process.env.BENCH_DATABASES ?? "sqlite,postgres").split(",").map((s) => s.trim()) as DatabaseKind[];
const BENCH_KEEP = process.env.BENCH_KEEP === "1";
const RUNS = 20;
const BENCH_EMAIL = "bench@tollgate.local";
const BENCH_PASSWORD = "bench-password-1";

export interface Timing {
  name: string;
  target: number | null;
  p50: number;
  p95: number;
}

export interface QueryBench {
  kind: DatabaseKind;
  rows: number;
  /** Null when a kept database was reused. */
  generateSeconds: number | null;
  timings: Timing[];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(name: string, target: number | null, run: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 2; i++) await run(); // warm-up: connections, statement caches, the page cache
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const timing = { name, target, p50: percentile(times, 50), p95: percentile(times, 95) };
  console.log(`  ${name.padEnd(58)} p50 ${timing.p50.toFixed(0).padStart(5)} ms  p95 ${timing.p95.toFixed(0).padStart(5)} ms`);
  return timing;
}

async function page(url: string, cookie: string) {
  const response = await fetch(url, { headers: { cookie } });
  const html = await response.text();
  if (response.status !== 200 || !html.includes("</html>")) throw new Error(`${url} answered ${response.status}`);
}

/** A kept database of BENCH_ROWS rows (named by kind and size), created and filled when missing. */
async function keptDatabase(kind: DatabaseKind): Promise<{ t: TestDatabase; filled: boolean }> {
  const name = `tollgate_bench_${BENCH_ROWS}`;
  let url: string;
  if (kind === "postgres") {
    url = postgresUrlOf(name);
    await adminQuery(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
      if (error.code !== "42P04") throw error; // 42P04: it already exists
    });
  } else {
    mkdirSync("data", { recursive: true });
    url = `file:${path.resolve("data", `${name}.db`)}`;
  }
  const target = resolveDatabase(url);
  await migrate(target);
  const db = createDb(target);
  const ws = await findWorkspaceBySlug(DEFAULT_WORKSPACE_SLUG, db);
  const logged = ws ? await db.request.count({ where: { workspaceId: ws.id } }) : 0;
  if (logged > 0 && logged !== BENCH_ROWS) {
    await db.$disconnect();
    const remove = kind === "postgres" ? `DROP DATABASE "${name}"` : `rm ${url.slice("file:".length)}*`;
    throw new Error(`the kept database ${name} holds ${logged.toLocaleString("en-US")} requests, not ${BENCH_ROWS.toLocaleString("en-US")} (an interrupted run?): remove it (${remove}) and run again`);
  }
  return { t: { kind, url, target, db, drop: () => db.$disconnect() }, filled: logged > 0 };
}

export async function benchQueries(kind: DatabaseKind): Promise<QueryBench> {
  const { t, filled } = BENCH_KEEP ? await keptDatabase(kind) : { t: await createTestDatabase(kind), filled: false };
  try {
    let generateSeconds: number | null = null;
    if (!filled) {
      // A kept database may hold the user already, from a run stopped before its first rows.
      if (!(await findUserByEmail(BENCH_EMAIL, t.db))) {
        await createUserWithMembership({ email: BENCH_EMAIL, passwordHash: await hashPassword(BENCH_PASSWORD), workspaceSlug: DEFAULT_WORKSPACE_SLUG, role: "owner" }, t.db);
      }
      const ws = (await findWorkspaceBySlug(DEFAULT_WORKSPACE_SLUG, t.db))!.id;
      console.log(`bench: ${kind}: writing ${BENCH_ROWS.toLocaleString("en-US")} requests over 90 days…`);
      const started = performance.now();
      await writeBulkTraffic(t.target, ws, { ...SCALE_TRAFFIC, count: BENCH_ROWS, days: 90 });
      generateSeconds = (performance.now() - started) / 1000;
      // Postgres: VACUUM as autovacuum would after a bulk insert, so index-only scans skip the heap.
      await t.db.$executeRawUnsafe(kind === "postgres" ? "VACUUM ANALYZE" : "ANALYZE");
    } else {
      console.log(`bench: ${kind}: reusing the kept ${BENCH_ROWS.toLocaleString("en-US")}-row database`);
    }
    const ws = (await findWorkspaceBySlug(DEFAULT_WORKSPACE_SLUG, t.db))!.id;

    const d30 = lastDays(30);
    const timings = [
      await measure("query: explorer first page, Workflow = research-agent, 30 d", 200, () =>
        listRequests(ws, requestQuerySchema.parse({ from: d30.from, properties: [{ key: "workflow", op: "eq", value: "research-agent" }], limit: 50 }), t.db)),
      await measure("query: explorer first page, customer = customer-42 (1/500), 30 d", 200, () =>
        listRequests(ws, requestQuerySchema.parse({ from: d30.from, properties: [{ key: "customer", op: "eq", value: "customer-42" }], limit: 50 }), t.db)),
      await measure("query: cost by model, 30 d", 200, () => costBreakdown(ws, lastDays(30), { kind: "model" }, t.db)),
      await measure("query: stats strip, requests with a customer (any value), 30 d", null, () =>
        requestStats(ws, requestQuerySchema.parse({ from: d30.from, properties: [{ key: "customer", op: "contains", value: "" }] }), t.db)),
    ];

    const app = await startApp(t.url, {}, "server");
    try {
      const cookie = await loginCookie(app.url, BENCH_EMAIL, BENCH_PASSWORD);
      timings.push(
        await measure("page: overview (/), default 7 d", 500, () => page(`${app.url}/`, cookie)),
        await measure("page: overview, 30 d", 1000, () => page(`${app.url}/?range=30d`, cookie)),
        await measure("page: requests, no filter, 30 d", null, () => page(`${app.url}/requests?range=30d`, cookie)),
        await measure("page: requests, Workflow = research-agent, 30 d", null, () => page(`${app.url}/requests?range=30d&property.workflow=research-agent`, cookie)),
        await measure("page: cost by model, 30 d", null, () => page(`${app.url}/cost?range=30d`, cookie)),
        await measure("page: cost by property Workflow, 90 d", null, () => page(`${app.url}/cost?range=90d&by=property:workflow`, cookie)),
        await measure("page: users, 7 d", null, () => page(`${app.url}/users`, cookie)),
        await measure("page: users, 30 d", 500, () => page(`${app.url}/users?range=30d`, cookie)),
        await measure("page: requests sorted by cost, Workflow = research-agent, 30 d", 500, () => page(`${app.url}/requests?range=30d&property.workflow=research-agent&sort=cost`, cookie)),
        await measure("page: one user, 30 d", null, () => page(`${app.url}/users/user_0042?range=30d`, cookie)),
        await measure("page: properties, 7 d", null, () => page(`${app.url}/properties`, cookie)),
        await measure("page: property customer (500 values), 30 d", null, () => page(`${app.url}/properties/customer?range=30d`, cookie)),
      );
    } finally {
      await app.stop();
    }
    return { kind, rows: BENCH_ROWS, generateSeconds, timings };
  } finally {
    await t.drop();
  }
}

export function queryReport(results: QueryBench[]): string[] {
  const lines = [
    `### Dashboard over ${BENCH_ROWS.toLocaleString("en-US")} requests (90 days, 5,006 users, 5 property keys incl. a 500-value one)`,
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} with \`${BENCH_ROWS === 1_000_000 ? "" : `BENCH_ROWS=${BENCH_ROWS} `}${process.env.BENCH_DATABASES ? `BENCH_DATABASES=${process.env.BENCH_DATABASES} ` : ""}npm run bench -- queries\` on ${cpus().length} × ${cpus()[0]?.model.trim()} with ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Each line: ${RUNS} runs after 2 warm-ups. Pages are fetched over HTTP from \`npm start\`'s server, signed in, and include rendering.`,
    "",
    `| database | measurement | p50 ms | p95 ms | target |`,
    `|---|---|---|---|---|`,
  ];
  for (const r of results) {
    for (const t of r.timings) lines.push(`| ${r.kind} | ${t.name} | ${t.p50.toFixed(0)} | ${t.p95.toFixed(0)} | ${t.target === null ? "—" : `${t.p95 <= t.target ? "met" : "**missed**"} (≤ ${t.target})`} |`);
  }
  lines.push("", ...results.map((r) =>
    r.generateSeconds === null
      ? `- ${r.kind}: measured on a data set kept from an earlier run (\`BENCH_KEEP=1\`), written by the same generator.`
      : `- Generating the data through the log writer (rows, properties and rollups): ${r.kind} ${Math.round(r.generateSeconds)} s (${Math.round(r.rows / r.generateSeconds).toLocaleString("en-US")} rows/s).`));
  return lines;
}
