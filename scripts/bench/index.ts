// `npm run bench`: throughput and latency of four paths to the same fake provider, measured in
// one run so the ratios hold on any machine:
//   direct      – wrk straight to the fake provider
//   bare proxy  – node:http + undici.Pool, nothing else (the baseline)
//   tollgate    – `npm start`'s fast path, logging on and persisted to SQLite
//   next route  – the same gateway behind a Next route handler (`next start`)
// at concurrency 1, 16 and 64, JSON and streamed; then log ingest on SQLite and Postgres; then
// the dashboard's queries and pages over a million requests (queries.ts).
// Writes the tables into docs/benchmarks.md between the BENCH and QUERIES markers.
// `npm run bench -- gateway` or `npm run bench -- queries` runs one part.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { createDb } from "../../lib/db/client";
import { findOrCreateWorkspace } from "../../lib/db/accounts";
import { createApiKey } from "../../lib/db/api-keys";
import { migrate } from "../../lib/db/migrate";
import { resolveDatabase } from "../../lib/db/url";
import { freePort } from "../../tests/support/ports";
import { buildIsStale } from "../lib/build-state";
import { measureIngest } from "./ingest";
import { type QueryBench, benchQueries, queryReport } from "./queries";
import { type LoadResult, ensureWrk, runWrk } from "./wrk";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = [1, 16, 64];
const children: ChildProcess[] = [];

function start(name: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
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
  if (only && only !== "gateway" && only !== "queries") throw new Error("usage: npm run bench [-- gateway|queries]");
  if (buildIsStale()) {
    console.log("bench: building the app…");
    if (spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], { stdio: "inherit" }).status !== 0) process.exit(1);
  }

  if (only !== "queries") await benchGateway();
  if (only !== "gateway") {
    const results: QueryBench[] = [];
    for (const kind of ["sqlite", "postgres"] as const) results.push(await benchQueries(kind));
    writeSection("QUERIES", queryReport(results));
  }
}

async function benchGateway() {
  ensureWrk();
  const dir = mkdtempSync(path.join(tmpdir(), "tollgate-bench-"));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  const target = resolveDatabase(databaseUrl);
  await migrate(target);
  const db = createDb(target);
  const workspace = await findOrCreateWorkspace("default", "Bench", db);
  const { secret } = await createApiKey({ workspaceId: workspace.id, name: "bench" }, db);

  const [fakePort, barePort, serverPort, nextPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const tsx = require.resolve("tsx/cli");
  const fake = `http://127.0.0.1:${fakePort}`;
  const appEnv = {
    DATABASE_URL: databaseUrl,
    OPENAI_BASE_URL: `${fake}/v1`,
    OPENAI_API_KEY: "sk-bench",
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    TOLLGATE_SECRET: randomBytes(32).toString("hex"),
    NODE_ENV: "production",
    HOSTNAME: "127.0.0.1",
  };
  start("fake providers", [tsx, "scripts/fake-providers.ts", "--port", String(fakePort)]);
  start("bare proxy", [tsx, "scripts/bench/bare-proxy.ts", "--port", String(barePort), "--upstream", fake]);
  start("tollgate", [tsx, "scripts/start.ts"], { ...appEnv, PORT: String(serverPort) });
  start("next", [require.resolve("next/dist/bin/next"), "start", "-p", String(nextPort), "-H", "127.0.0.1"], appEnv);
  await Promise.all([waitFor(`${fake}/__fake/stats`), waitFor(`http://127.0.0.1:${barePort}/`), waitFor(`http://127.0.0.1:${serverPort}/api/health`), waitFor(`http://127.0.0.1:${nextPort}/api/health`)]);

  const targets = [
    { name: "direct", url: `${fake}/v1/chat/completions`, auth: "Bearer sk-bench" },
    { name: "bare proxy", url: `http://127.0.0.1:${barePort}/v1/chat/completions`, auth: "Bearer sk-bench" },
    { name: "tollgate", url: `http://127.0.0.1:${serverPort}/v1/chat/completions`, auth: `Bearer ${secret}` },
    { name: "next route", url: `http://127.0.0.1:${nextPort}/v1/chat/completions`, auth: `Bearer ${secret}` },
  ];

  const results: { mode: string; c: number; name: string; r: LoadResult }[] = [];
  let tollgateRequests = 0;
  for (const stream of [false, true]) {
    for (const t of targets) runWrk(t.url, body(stream), t.auth, 16, 2); // warm-up: JIT, pools, caches
    for (const c of CONCURRENCY) {
      for (const t of targets) {
        const r = runWrk(t.url, body(stream), t.auth, c, SECONDS);
        if (t.name === "tollgate" || t.name === "next route") tollgateRequests += r.requests;
        results.push({ mode: stream ? "stream" : "json", c, name: t.name, r });
        console.log(`${stream ? "stream" : "json  "} c=${String(c).padEnd(2)} ${t.name.padEnd(10)} ${fmt(r.rps, 0).padStart(7)} req/s  p50 ${fmt(r.p50Ms)} ms  p99 ${fmt(r.p99Ms)} ms${r.errors ? `  errors ${r.errors}` : ""}`);
      }
    }
  }

  // Everything the gateways answered must be in the log, warm-up included.
  await new Promise((r) => setTimeout(r, 1500));
  const logged = await db.request.count();
  const health = (await (await fetch(`http://127.0.0.1:${serverPort}/api/health`)).json()) as { log?: { dropped: number } };
  await db.$disconnect();
  for (const child of children) child.kill("SIGTERM");

  console.log("bench: measuring log ingest…");
  const ingest = { sqlite: await measureIngest("sqlite"), postgres: await measureIngest("postgres") };
  console.log(`ingest: SQLite ${fmt(ingest.sqlite, 0)} rows/s, Postgres ${fmt(ingest.postgres, 0)} rows/s`);

  writeReport(results, ingest, { logged, measured: tollgateRequests, dropped: health.log?.dropped ?? 0 });
}

function writeReport(
  results: { mode: string; c: number; name: string; r: LoadResult }[],
  ingest: { sqlite: number; postgres: number },
  log: { logged: number; measured: number; dropped: number },
) {
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` (wrk, ${SECONDS} s per cell, after a 2 s warm-up) on ${cpus().length} × ${cpus()[0]?.model.trim()} with ${Math.round(totalmem() / 2 ** 30)} GiB. wrk, the fake provider and the targets share these cores.`,
    "",
  ];
  for (const mode of ["json", "stream"]) {
    lines.push(`### ${mode === "json" ? "JSON chat completion" : "Streamed chat completion (SSE)"}`, "");
    lines.push("| c | path | req/s | p50 ms | p99 ms | req/s vs bare proxy | p50 − bare proxy |", "|---|---|---|---|---|---|---|");
    for (const c of CONCURRENCY) {
      const bare = results.find((x) => x.mode === mode && x.c === c && x.name === "bare proxy")!.r;
      for (const { name, r } of results.filter((x) => x.mode === mode && x.c === c)) {
        lines.push(`| ${c} | ${name} | ${fmt(r.rps, 0)} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${fmt((r.rps / bare.rps) * 100, 0)}% | ${name === "direct" ? "—" : `${r.p50Ms - bare.p50Ms >= 0 ? "+" : ""}${fmt(r.p50Ms - bare.p50Ms)} ms`} |`);
      }
    }
    lines.push("");
  }
  lines.push(
    "### Logging",
    "",
    `- Rows logged by the two Tollgate paths: ${log.logged} (wrk counted ${log.measured} completed requests in the measured cells; the rest are warm-up and requests cut off when wrk stopped). Rows dropped by the queue: ${log.dropped}.`,
    `- Log ingest through the queue and batched writer, 20,000 rows: **SQLite ${fmt(ingest.sqlite, 0)} rows/s**, **Postgres ${fmt(ingest.postgres, 0)} rows/s**.`,
  );

  writeSection("BENCH", lines);
}

/** Replaces the text between `<!-- NAME:BEGIN … -->` and `<!-- NAME:END -->` in docs/benchmarks.md. */
function writeSection(name: string, lines: string[]) {
  const file = path.join("docs", "benchmarks.md");
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
