// One gateway worker of `npm start` in worker mode: serves the gateway on the shared port (and
// the dashboard if it is the dashboard worker), keeps limits, budgets, the cache and SQLite's
// log writer in the primary, and stops gracefully when told to or when the primary is gone.
import { AggregatorRegistry } from "prom-client";
import { resolveDatabase } from "../db/url";
import { runningGateway } from "../gateway/runtime";
import { metrics } from "../metrics";
import type { LogQueueStats } from "../gateway/log-queue";
import { setClusterLink } from "./link";
import { type Channel, RpcPeer } from "./rpc";
import { remoteSharedState } from "./shared-state";

export const WORKER_ENV = { role: "TOLLGATE_WORKER_ROLE", socket: "TOLLGATE_DASHBOARD_SOCKET" } as const;

export async function startWorker(port: number, hostname: string) {
  const role = process.env[WORKER_ENV.role] === "dashboard" ? "dashboard" : "gateway";
  const primary = new RpcPeer(process as unknown as Channel, { logStats: () => runningGateway()?.deps.log.snapshot() ?? null });
  // The primary sums every worker's registry for /metrics.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([metrics().registry]);
  if (role === "dashboard") {
    setClusterLink({
      logStats: () => primary.call<{ queues: LogQueueStats[]; unreported: number }>("cluster.logStats"),
      metrics: () => primary.call<string>("cluster.metrics"),
    });
  }
  const { startServer } = await import("../../server");
  const { stop } = await startServer({
    port,
    hostname,
    worker: { role, dashboardSocket: process.env[WORKER_ENV.socket]!, gateway: { shared: remoteSharedState(primary, resolveDatabase()) } },
  });
  // A primary that dies leaves its workers to finish what they have; their log rows go to disk.
  process.on("disconnect", () => void stop("the primary process is gone"));
  if (role === "gateway") {
    // Next reports a stray error and carries on in the dashboard worker (and in one process); a
    // gateway worker stops as on SIGTERM instead, so its queued rows are written or spilled
    // before the primary replaces it, never lost with the process.
    process.on("uncaughtException", (error) => {
      console.error(`worker ${process.pid}: uncaught exception, stopping: ${error.stack ?? error.message}`);
      void stop("uncaught exception");
    });
  }
  process.send?.({ tollgate: "ready" });
}
