// `npm start` with several workers (TOLLGATE_WORKERS > 1): the primary forks the workers, keeps
// the state that must be one across them (shared-state.ts), restarts a worker that dies, and on
// SIGTERM/SIGINT stops them all gracefully before it closes the shared stores, so a row a
// worker is still flushing is written (or spilled) before anything is torn down.
import cluster, { type Worker } from "node:cluster";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AggregatorRegistry } from "prom-client";
import type { DatabaseTarget } from "../db/url";
import type { LogQueueStats } from "../gateway/log-queue";
import { shutdownGraceMs } from "../gateway/shutdown";
import { type Channel, RpcPeer } from "./rpc";
import { hostSharedState } from "./shared-state";
import { WORKER_ENV } from "./worker";

type Role = "dashboard" | "gateway";

/** A worker that dies sooner than this after starting is restarted after a pause, not at once. */
const CRASH_LOOP_MS = 5_000;

export async function runPrimary({ workers, target, port, hostname }: { workers: number; target: DatabaseTarget; port: number; hostname: string }) {
  cluster.setupPrimary({ serialization: "advanced" }); // Dates and BigInts in log rows cross intact
  const shared = hostSharedState(target);
  const aggregator = new AggregatorRegistry();
  const socket = path.join(tmpdir(), `tollgate-${process.pid}-${randomBytes(4).toString("hex")}.sock`);
  const peers = new Map<Worker, RpcPeer>();
  let stopping = false;

  const methods = {
    ...shared.methods,
    "cluster.logStats": async () => {
      const stats = await Promise.all([...peers.values()].map((peer) => withTimeout(peer.call<LogQueueStats | null>("logStats"), 2_000).catch(() => undefined)));
      // A worker that does not answer may hold rows: health must say so, not count it as empty.
      return { queues: stats.filter((s): s is LogQueueStats => !!s), unreported: stats.filter((s) => s === undefined).length };
    },
    "cluster.metrics": () => aggregator.clusterMetrics(),
  };

  const fork = (role: Role): Promise<void> => {
    const startedAt = Date.now();
    const worker = cluster.fork({ [WORKER_ENV.role]: role, [WORKER_ENV.socket]: socket });
    peers.set(worker, new RpcPeer(worker as unknown as Channel, methods, shared.describeError));
    worker.on("exit", (code, signal) => {
      peers.delete(worker);
      if (stopping) return;
      console.error(`worker ${worker.process.pid} (${role}) exited (${signal ?? code}); starting another`);
      setTimeout(() => void fork(role).catch(() => {}), Date.now() - startedAt < CRASH_LOOP_MS ? 1_000 : 0);
    });
    return new Promise((resolve, reject) => {
      worker.on("message", (message: { tollgate?: string }) => message?.tollgate === "ready" && resolve());
      worker.once("exit", () => reject(new Error(`worker (${role}) exited before it was ready`)));
    });
  };

  // The dashboard worker first: the others hand it dashboard paths from their first request.
  await fork("dashboard");
  await Promise.all(Array.from({ length: workers - 1 }, () => fork("gateway")));
  console.log(`Tollgate ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port} (${workers} workers)`);

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping ${workers} workers…`);
    const exited = [...peers.keys()].map((worker) => new Promise<void>((resolve) => (worker.isDead() ? resolve() : worker.once("exit", () => resolve()))));
    for (const worker of peers.keys()) worker.process.kill("SIGTERM");
    // Each worker waits the grace period for calls under way, then flushes its log through us.
    const deadline = setTimeout(() => {
      console.error("workers did not stop in time; killing them (their unwritten rows are on disk)");
      for (const worker of peers.keys()) worker.process.kill("SIGKILL");
    }, shutdownGraceMs() + 20_000);
    await Promise.all(exited);
    clearTimeout(deadline);
    await shared.close();
    rmSync(socket, { force: true });
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timed out")), ms).unref())]);
}
