// `npm run bench`: throughput, latency and CPU per request of these paths, measured in one run so
// the ratios hold on any machine, against two upstreams (the fake provider, and a minimal one
// that answers a fixed completion, so a gateway's own cost shows):
//   direct      – wrk straight to the upstream
//   bare proxy  – node:http + undici.Pool, nothing else (the baseline)
//   portkey     – Portkey's open-source gateway (@portkey-ai/gateway), the peer
//   tollgate    – `npm start`'s fast path, logging on and persisted to SQLite
//   next route  – the same gateway behind a Next route handler (`next start`; fake provider only)
// at concurrency 1, 16 and 64, JSON and streamed; then log ingest on SQLite and Postgres; then
// the dashboard's queries and pages over a million requests (queries.ts).
// Writes the tables into docs/benchmarks.md between the BENCH and QUERIES markers.
// Then `npm start` with one worker against one per core (TOLLGATE_WORKERS), on SQLite and Postgres.
// `npm run bench -- gateway|workers|storage|queries` runs one part.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { type Db, createDb } from "../../lib/db/client";
import { findOrCreateWorkspace } from "../../lib/db/accounts";
import { createApiKey } from "../../lib/db/api-keys";
import { migrate } from "../../lib/db/migrate";
import { resolveDatabase } from "../../lib/db/url";
import { freePort } from "../../tests/support/ports";
import { createTestDatabase } from "../../tests/support/test-db";
import { buildIsStale } from "../lib/build-state";
import { measureIngest } from "./ingest";
import { BENCH_DATABASES, BENCH_ROWS, type QueryBench, benchQueries, queryReport } from "./queries";
import { treeCpuMs } from "./process-cpu";
import { type StorageResult, measureStorage, storageReport } from "./storage";
import { type LoadResult, ensureWrk, runWrk } from "./wrk";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = [1, 16, 64];
const children: ChildProcess[] = [];

/** `quiet`: the process's own error output is not shown (Portkey prints a stack for every failed stream). */
function start(name: string, args: string[], env: Record<string, string> = {}, quiet = false): ChildProcess {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", quiet ? "ignore" : "inherit"] });
  children.push(child);
  child.on("exit", (code) => code && code !== 143 && console.error(`bench: ${name} exited with ${code}`));
  return child;
}

async function waitFor(url: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} did not come up`);
}

const body = (stream: boolean) => JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Say hello in five words." }], ...(stream ? { stream: true } : {}) });

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "—");

async function main() {
  const only = process.argv[2];
  if (only && !["gateway", "workers", "queries", "storage"].includes(only)) throw new Error("usage: npm run bench [-- gateway|workers|storage|queries]");
  if (buildIsStale()) {
    console.log("bench: building the app…");
    if (spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], { stdio: "inherit" }).status !== 0) process.exit(1);
  }

  if (only === undefined || only === "gateway") await benchGateway();
  if (only === undefined || only === "workers") await benchWorkers();
  if (only === undefined || only === "storage") {
    const results: StorageResult[] = [];
    for (const kind of ["sqlite", "postgres"] as const) results.push(await measureStorage(kind));
    writeSection("STORAGE", storageReport(results), path.join("docs", "operations.md"));
  }
  if (only === undefined || only === "queries") {
    const results: QueryBench[] = [];
    for (const kind of BENCH_DATABASES) results.push(await benchQueries(kind));
    // The default (a million, both databases) has its section; another size (BENCH_ROWS) or one
    // database (BENCH_DATABASES) gets one of its own, so runs of either database keep the other's.
    const both = BENCH_DATABASES.length === 2;
    const name = BENCH_ROWS === 1_000_000 && both ? "QUERIES" : `QUERIES_${BENCH_ROWS}${both ? "" : `_${BENCH_DATABASES[0]!.toUpperCase()}`}`;
    writeSection(name, queryReport(results));
  }
}

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  /** The process whose CPU time is charged to this path (with its children). */
  pid: number;
}

interface Cell {
  upstream: string;
  mode: string;
  c: number;
  name: string;
  r: LoadResult;
  /** CPU time of the path's own process per completed request, in µs. */
  cpuUsPerRequest: number;
}

/** The app's env for one gateway process: its own SQLite file (or the given database), OpenAI pointed at `upstream`. */
async function gatewayEnv(dir: string, name: string, upstream: string, databaseUrl = `file:${path.join(dir, `${name}.db`)}`) {
  const target = resolveDatabase(databaseUrl);
  await migrate(target);
  const db = createDb(target);
  const workspace = await findOrCreateWorkspace("default", "Bench", db);
  const { secret } = await createApiKey({ workspaceId: workspace.id, name: "bench" }, db);
  const env = {
    DATABASE_URL: databaseUrl,
    OPENAI_BASE_URL: `${upstream}/v1`,
    OPENAI_API_KEY: "sk-bench",
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    TOLLGATE_SECRET: randomBytes(32).toString("hex"),
    NODE_ENV: "production",
    HOSTNAME: "127.0.0.1",
  };
  return { env, secret, db };
}

const local = (port: number) => `http://127.0.0.1:${port}`;

/** Every path at every concurrency, JSON and streamed, with the CPU each path's process used. */
function measure(upstream: string, targets: Target[]): Cell[] {
  const cells: Cell[] = [];
  for (const stream of [false, true]) {
    for (const t of targets) runWrk(t.url, body(stream), t.headers, 16, 2); // warm-up: JIT, pools, caches
    for (const c of CONCURRENCY) {
      for (const t of targets) {
        const cpuBefore = treeCpuMs(t.pid);
        const r = runWrk(t.url, body(stream), t.headers, c, SECONDS);
        const cpuUsPerRequest = r.requests ? ((treeCpuMs(t.pid) - cpuBefore) * 1000) / r.requests : NaN;
        const mode = stream ? "stream" : "json";
        cells.push({ upstream, mode, c, name: t.name, r, cpuUsPerRequest });
        console.log(`${upstream.padEnd(13)} ${mode.padEnd(6)} c=${String(c).padEnd(2)} ${t.name.padEnd(10)} ${fmt(r.rps, 0).padStart(7)} req/s  p50 ${fmt(r.p50Ms)} ms  p99 ${fmt(r.p99Ms)} ms  cpu ${fmt(cpuUsPerRequest, 0)} µs/req${r.errors ? `  errors ${r.errors}` : ""}`);
      }
    }
  }
  return cells;
}

async function benchGateway() {
  ensureWrk();
  const dir = mkdtempSync(path.join(tmpdir(), "tollgate-bench-"));
  const ports = await Promise.all(Array.from({ length: 8 }, () => freePort()));
  const [fakePort, minimalPort, bareFakePort, bareMinimalPort, portkeyPort, serverPort, serverMinimalPort, nextPort] = ports as [number, number, number, number, number, number, number, number];
  const tsx = require.resolve("tsx/cli");
  const fake = local(fakePort);
  const minimal = local(minimalPort);
  const onFake = await gatewayEnv(dir, "fake", fake);
  const onMinimal = await gatewayEnv(dir, "minimal", minimal);

  const pid = (child: ChildProcess) => child.pid!;
  const procs = {
    fake: pid(start("fake providers", [tsx, "scripts/fake-providers.ts", "--port", String(fakePort)])),
    minimal: pid(start("minimal upstream", [tsx, "scripts/bench/minimal-upstream.ts", "--port", String(minimalPort)])),
    bareFake: pid(start("bare proxy", [tsx, "scripts/bench/bare-proxy.ts", "--port", String(bareFakePort), "--upstream", fake])),
    bareMinimal: pid(start("bare proxy", [tsx, "scripts/bench/bare-proxy.ts", "--port", String(bareMinimalPort), "--upstream", minimal])),
    portkey: pid(start("portkey", [require.resolve("@portkey-ai/gateway/build/start-server.js"), `--port=${portkeyPort}`, "--headless"], {}, true)),
    server: pid(start("tollgate", [tsx, "scripts/start.ts"], { ...onFake.env, PORT: String(serverPort), TOLLGATE_WORKERS: "1" })),
    serverMinimal: pid(start("tollgate", [tsx, "scripts/start.ts"], { ...onMinimal.env, PORT: String(serverMinimalPort), TOLLGATE_WORKERS: "1" })),
    next: pid(start("next", [require.resolve("next/dist/bin/next"), "start", "-p", String(nextPort), "-H", "127.0.0.1"], onFake.env)),
  };
  await Promise.all([
    waitFor(`${fake}/__fake/stats`),
    waitFor(minimal),
    waitFor(local(bareFakePort)),
    waitFor(local(bareMinimalPort)),
    waitFor(local(portkeyPort)),
    waitFor(`${local(serverPort)}/api/health`),
    waitFor(`${local(serverMinimalPort)}/api/health`),
    waitFor(`${local(nextPort)}/api/health`),
  ]);

  const provider = { authorization: "Bearer sk-bench" };
  const portkey = (upstream: string) => ({ ...provider, "x-portkey-provider": "openai", "x-portkey-custom-host": `${upstream}/v1` });
  const path_ = "/v1/chat/completions";
  const cells = [
    ...measure("fake provider", [
      { name: "direct", url: `${fake}${path_}`, headers: provider, pid: procs.fake },
      { name: "bare proxy", url: `${local(bareFakePort)}${path_}`, headers: provider, pid: procs.bareFake },
      { name: "portkey", url: `${local(portkeyPort)}${path_}`, headers: portkey(fake), pid: procs.portkey },
      { name: "tollgate", url: `${local(serverPort)}${path_}`, headers: { authorization: `Bearer ${onFake.secret}` }, pid: procs.server },
      { name: "next route", url: `${local(nextPort)}${path_}`, headers: { authorization: `Bearer ${onFake.secret}` }, pid: procs.next },
    ]),
    ...measure("minimal", [
      { name: "direct", url: `${minimal}${path_}`, headers: provider, pid: procs.minimal },
      { name: "bare proxy", url: `${local(bareMinimalPort)}${path_}`, headers: provider, pid: procs.bareMinimal },
      { name: "portkey", url: `${local(portkeyPort)}${path_}`, headers: portkey(minimal), pid: procs.portkey },
      { name: "tollgate", url: `${local(serverMinimalPort)}${path_}`, headers: { authorization: `Bearer ${onMinimal.secret}` }, pid: procs.serverMinimal },
    ]),
  ];

  // Everything the gateways answered must be in the log, warm-up included.
  await new Promise((r) => setTimeout(r, 1500));
  const measured = cells.filter((x) => x.name === "tollgate" || x.name === "next route").reduce((n, x) => n + x.r.requests, 0);
  const logged = (await onFake.db.request.count()) + (await onMinimal.db.request.count());
  let dropped = 0;
  for (const port of [serverPort, serverMinimalPort]) dropped += ((await (await fetch(`${local(port)}/api/health`)).json()) as { log?: { dropped: number } }).log?.dropped ?? 0;
  await Promise.all([onFake.db.$disconnect(), onMinimal.db.$disconnect()]);
  for (const child of children) child.kill("SIGTERM");

  console.log("bench: measuring log ingest…");
  const ingest = { sqlite: await measureIngest("sqlite"), postgres: await measureIngest("postgres") };
  console.log(`ingest: SQLite ${fmt(ingest.sqlite, 0)} rows/s, Postgres ${fmt(ingest.postgres, 0)} rows/s`);

  writeReport(cells, ingest, { logged, measured, dropped });
}

/**
 * One worker against one per core, on each database, with the minimal upstream (where the
 * gateway's own cost shows) and the bare proxy as the baseline of the same run.
 */
async function benchWorkers() {
  ensureWrk();
  const dir = mkdtempSync(path.join(tmpdir(), "tollgate-bench-"));
  const cores = availableParallelism();
  const [minimalPort, barePort] = [await freePort(), await freePort()];
  const tsx = require.resolve("tsx/cli");
  const minimal = local(minimalPort);
  const procs = { minimal: start("minimal upstream", [tsx, "scripts/bench/minimal-upstream.ts", "--port", String(minimalPort)]), bare: start("bare proxy", [tsx, "scripts/bench/bare-proxy.ts", "--port", String(barePort), "--upstream", minimal]) };
  await Promise.all([waitFor(minimal), waitFor(local(barePort))]);
  const pg = await createTestDatabase("postgres");
  const targets: Target[] = [{ name: "bare proxy", url: `${local(barePort)}/v1/chat/completions`, headers: { authorization: "Bearer sk-bench" }, pid: procs.bare.pid! }];
  const dbs: Db[] = [];
  for (const [database, url] of [["sqlite", undefined], ["postgres", pg.url]] as const) {
    for (const workers of [1, cores]) {
      const port = await freePort();
      const app = await gatewayEnv(dir, `${database}-${workers}`, minimal, url);
      dbs.push(app.db);
      const child = start("tollgate", [tsx, "scripts/start.ts"], { ...app.env, PORT: String(port), TOLLGATE_WORKERS: String(workers) });
      await waitFor(`${local(port)}/api/health`);
      targets.push({ name: `${database}, ${workers} worker${workers > 1 ? "s" : ""}`, url: `${local(port)}/v1/chat/completions`, headers: { authorization: `Bearer ${app.secret}` }, pid: child.pid! });
    }
  }
  const all = measure("minimal", targets);
  const cells = all.filter((x) => x.c > 1); // one caller gains nothing from more workers
  await new Promise((r) => setTimeout(r, 1500));
  const logged = (await Promise.all(dbs.map((db) => db.request.count()))).reduce((n, x) => n + x, 0);
  const measured = all.filter((x) => x.name !== "bare proxy").reduce((n, x) => n + x.r.requests, 0);
  await Promise.all(dbs.map((db) => db.$disconnect()));
  for (const child of children) child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 2000));
  await pg.drop();

  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- workers\` (part of \`npm run bench\`; wrk, ${SECONDS} s per cell) on ${cores} cores, minimal upstream. \`npm start\` with \`TOLLGATE_WORKERS=1\` against ${cores} (one per core); CPU counts the primary and its workers. wrk, the upstream and the gateway share these cores.`,
    "",
    "| body | c | path | req/s | vs bare proxy | p50 ms | p99 ms | CPU µs/req |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const cell of cells) {
    const bare = cells.find((x) => x.mode === cell.mode && x.c === cell.c && x.name === "bare proxy")!.r;
    lines.push(`| ${cell.mode} | ${cell.c} | ${cell.name} | ${fmt(cell.r.rps, 0)} | ${fmt((cell.r.rps / bare.rps) * 100, 0)}% | ${fmt(cell.r.p50Ms)} | ${fmt(cell.r.p99Ms)} | ${fmt(cell.cpuUsPerRequest, 0)} |`);
  }
  lines.push("", `Rows logged by these servers: ${logged} (wrk completed ${measured} in the measured cells, c=1 included; the rest are warm-up and calls cut when wrk stopped).`);
  writeSection("WORKERS", lines);
}

function writeReport(cells: Cell[], ingest: { sqlite: number; postgres: number }, log: { logged: number; measured: number; dropped: number }) {
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` (wrk, ${SECONDS} s per cell, after a 2 s warm-up) on ${cpus().length} × ${cpus()[0]?.model.trim()} with ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. wrk, the upstreams and the targets share these cores. CPU is the time the path's own process (and its children) used during the cell, per completed request, read from /proc. Portkey is \`@portkey-ai/gateway\` 1.15.2 (no persistent logging), routed with \`x-portkey-provider: openai\` and \`x-portkey-custom-host\`; Tollgate logs every call to SQLite.`,
    "",
  ];
  for (const upstream of ["fake provider", "minimal"]) {
    for (const mode of ["json", "stream"]) {
      const title = `${mode === "json" ? "JSON chat completion" : "Streamed chat completion (SSE)"}, ${upstream === "minimal" ? "minimal upstream (a fixed answer, no per-request work)" : "the fake provider (tokenizes, rate-limit headers)"}`;
      lines.push(`### ${title}`, "");
      lines.push("| c | path | req/s | p50 ms | p99 ms | req/s vs bare proxy | p50 − bare proxy | CPU µs/req | non-2xx |", "|---|---|---|---|---|---|---|---|---|");
      const ratios: string[] = [];
      for (const c of CONCURRENCY) {
        const here = cells.filter((x) => x.upstream === upstream && x.mode === mode && x.c === c);
        const bare = here.find((x) => x.name === "bare proxy")!.r;
        for (const { name, r, cpuUsPerRequest } of here) {
          const delta = r.p50Ms - bare.p50Ms;
          lines.push(`| ${c} | ${name} | ${fmt(r.rps, 0)} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${fmt((r.rps / bare.rps) * 100, 0)}% | ${name === "direct" ? "—" : `${delta >= 0 ? "+" : ""}${fmt(delta)} ms`} | ${fmt(cpuUsPerRequest, 0)} | ${r.errors} |`);
        }
        const tollgate = here.find((x) => x.name === "tollgate")!.r;
        const portkey = here.find((x) => x.name === "portkey")!.r;
        // Portkey's failed answers are not throughput.
        ratios.push(portkey.errors ? `c=${c}: Portkey answered ${portkey.errors} of ${portkey.requests} with an error` : `c=${c}: ${fmt(tollgate.rps / portkey.rps, 1)}×`);
      }
      lines.push("", `Tollgate ÷ Portkey, req/s: ${ratios.join("; ")}.`, "");
    }
  }
  lines.push(
    "### Logging",
    "",
    `- Rows logged by the Tollgate paths: ${log.logged} (wrk counted ${log.measured} completed requests in the measured cells; the rest are warm-up and requests cut off when wrk stopped). Rows dropped by the queue: ${log.dropped}.`,
    `- Log ingest through the queue and batched writer, 20,000 rows: **SQLite ${fmt(ingest.sqlite, 0)} rows/s**, **Postgres ${fmt(ingest.postgres, 0)} rows/s**.`,
  );

  writeSection("BENCH", lines);
}

/** Replaces the text between `<!-- NAME:BEGIN … -->` and `<!-- NAME:END -->` in a doc (docs/benchmarks.md by default). */
function writeSection(name: string, lines: string[], file = path.join("docs", "benchmarks.md")) {
  const begin = `<!-- ${name}:BEGIN (written by npm run bench) -->`;
  const end = `<!-- ${name}:END -->`;
  let current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  if (!current.includes(begin) || !current.includes(end)) current += `\n${begin}\n${end}\n`;
  const next = current.slice(0, current.indexOf(begin)) + `${begin}\n${lines.join("\n")}\n` + current.slice(current.indexOf(end));
  writeFileSync(file, next);
  console.log(`bench: wrote ${file}`);
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  for (const child of children) child.kill("SIGTERM");
  process.exit(1);
});
