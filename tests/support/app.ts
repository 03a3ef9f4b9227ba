// Runs the production build as a child process on a free port: `npm start`'s server (scripts/start.ts,
// which also applies migrations) or plain `next start` (Next's route handlers only).
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { freePort } from "./ports";

const require = createRequire(import.meta.url);

export type AppCommand = "server" | "next";

export interface RunningApp {
  url: string;
  output: () => string;
  /** SIGTERM; resolves once the process has exited. */
  stop: () => Promise<void>;
  /** The process serving the app (tsx runs it as a child of the one spawned here). */
  serverPid: () => number;
  /** Sends `signal` to the serving process; resolves once it has exited. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
}

/** The process has exited (gone, or a zombie nobody has reaped yet). */
function exitedFor(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z");
  } catch {
    return true;
  }
}

/** The deepest Node descendant of a process: the one actually serving under tsx's wrapper (esbuild's helper is not Node). */
function servingPid(pid: number): number {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    const node = children.filter((child) => readFileSync(`/proc/${child}/cmdline`, "utf8").split("\0")[0] === process.execPath);
    return node.length === 1 ? servingPid(node[0]!) : pid;
  } catch {
    return pid;
  }
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}: ${output()}`);
    try {
      await fetch(`${url}/api/health`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`app did not start within ${timeoutMs} ms: ${output()}`);
}

export async function startApp(databaseUrl: string, extraEnv: Record<string, string> = {}, command: AppCommand = "server"): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args =
    command === "server"
      ? [require.resolve("tsx/cli"), "scripts/start.ts"]
      : [require.resolve("next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"];
  let output = "";
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      TOLLGATE_SECRET: randomBytes(32).toString("hex"),
      // Log rows waiting on disk stay with the test's database, out of the repository's ./data.
      TOLLGATE_LOG_SPILL_DIR: path.join(tmpdir(), `tollgate-spill-${createHash("sha256").update(databaseUrl).digest("hex").slice(0, 12)}`),
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  await waitUntilServing(url, child, () => output);
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const serverPid = () => servingPid(child.pid!);
  return {
    url,
    output: () => output,
    serverPid,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const pid = serverPid();
      process.kill(pid, signal);
      if (signal === "SIGKILL") child.kill("SIGKILL"); // the wrapper would otherwise wait for nothing
      await exited;
      while (!exitedFor(pid)) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
