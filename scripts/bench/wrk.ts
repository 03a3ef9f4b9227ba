// Drives a target with wrk (Debian's package) and reads its report.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export function ensureWrk() {
  if (spawnSync("which", ["wrk"]).status === 0) return;
  console.log("bench: installing wrk (apt-get install -y wrk)…");
  execFileSync("apt-get", ["install", "-y", "-qq", "wrk"], { stdio: "inherit" });
}

const toMs = (value: string) => {
  const m = /^([\d.]+)(us|ms|s)$/.exec(value.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === "us" ? n / 1000 : m[2] === "s" ? n * 1000 : n;
};

export function runWrk(url: string, body: string, headers: Record<string, string>, connections: number, seconds: number): LoadResult {
  const dir = mkdtempSync(path.join(tmpdir(), "tollgate-wrk-"));
  const script = path.join(dir, "post.lua");
  writeFileSync(
    script,
    [`wrk.method = "POST"`, `wrk.body = ${JSON.stringify(body)}`, `wrk.headers["Content-Type"] = "application/json"`, ...Object.entries(headers).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`)].join("\n"),
  );
  const threads = Math.min(2, connections);
  const out = execFileSync("wrk", ["-t", String(threads), "-c", String(connections), "-d", `${seconds}s`, "--latency", "-s", script, url], { encoding: "utf8" });
  const pct = (p: string) => toMs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, "m").exec(out)?.[1] ?? "");
  return {
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50Ms: pct("50"),
    p99Ms: pct("99"),
    errors: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) + Number(/Socket errors:.*?timeout (\d+)/.exec(out)?.[1] ?? 0),
  };
}
