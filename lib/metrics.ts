// Prometheus metrics for GET /metrics. One registry per process, on globalThis because Next
// bundles route handlers apart from server.ts.
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import type { LogQueueStats } from "./gateway/log-queue";

interface Metrics {
  registry: Registry;
  gatewayRequests: Counter<"endpoint" | "provider" | "status">;
  /** Every provider answer, retries and fallbacks included: upstream 429s are counted here. */
  upstreamResponses: Counter<"provider" | "status">;
  /** Reads the log queue of this process's gateway, if it has one. */
  logStats: { read: () => LogQueueStats | undefined };
}

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "tollgate_" });
  const logStats: Metrics["logStats"] = { read: () => undefined };
  const logGauge = (name: string, help: string, field: keyof Omit<LogQueueStats, "lastError">) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(logStats.read()?.[field] ?? 0);
      },
    });
  logGauge("tollgate_log_queue_rows", "Log rows waiting to be written.", "pending");
  logGauge("tollgate_log_rows_written", "Log rows written since start.", "written");
  logGauge("tollgate_log_rows_dropped", "Log rows lost because the queue was full (database down too long).", "dropped");
  logGauge("tollgate_log_rows_rejected", "Log rows the database refused (e.g. a duplicate id).", "rejected");
  const gatewayRequests = new Counter({
    name: "tollgate_gateway_requests_total",
    help: "Proxied requests by endpoint, provider and status.",
    labelNames: ["endpoint", "provider", "status"] as const,
    registers: [registry],
  });
  const upstreamResponses = new Counter({
    name: "tollgate_upstream_responses_total",
    help: "Provider answers by provider and status, each retry and fallback counted (status 429 = provider rate limits).",
    labelNames: ["provider", "status"] as const,
    registers: [registry],
  });
  return { registry, gatewayRequests, upstreamResponses, logStats };
}

const holder = globalThis as unknown as { tollgateMetrics?: Metrics };

export function metrics(): Metrics {
  holder.tollgateMetrics ??= createMetrics();
  return holder.tollgateMetrics;
}
