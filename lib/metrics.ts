// Prometheus metrics for GET /metrics. One registry per process, on globalThis because Next
// bundles route handlers apart from server.ts.
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import { countDeadLetters as deadLetterCount } from "./db/dead-letters";
import { partitionDaysAhead } from "./db/partitions";
import type { LogQueueStats } from "./gateway/log-queue";

interface Metrics {
  registry: Registry;
  gatewayRequests: Counter<"endpoint" | "provider" | "status">;
  /** Every provider answer, retries and fallbacks included: upstream 429s are counted here. */
  upstreamResponses: Counter<"provider" | "status">;
  /** Calls whose full log row could not be built, logged with what was known. */
  incompleteLogRows: Counter;
  /** Reads the log queue of this process's gateway, if it has one. */
  logStats: { read: () => LogQueueStats | undefined };
  /** Reads the shared state's breaker, when REDIS_URL is set. */
  redisState: { read: () => { up: boolean; fallbacks: number } | undefined };
}

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "tollgate_" });
  const logStats: Metrics["logStats"] = { read: () => undefined };
  const redisState: Metrics["redisState"] = { read: () => undefined };
  new Gauge({
    name: "tollgate_redis_up",
    help: "1 while Redis answers, 0 while it is down (cache misses, in-process limits); absent without REDIS_URL.",
    registers: [registry],
    aggregator: "min", // worker mode: down if any worker sees it down
    collect() {
      const state = redisState.read();
      if (state) this.set(state.up ? 1 : 0);
    },
  });
  new Gauge({
    name: "tollgate_redis_fallbacks",
    help: "Calls that used the in-process fallback because Redis was down, since start.",
    registers: [registry],
    collect() {
      const state = redisState.read();
      if (state) this.set(state.fallbacks);
    },
  });
  // In worker mode the primary sums each worker's gauges; ages and flags take the worst instead.
  const logGauge = (name: string, help: string, value: (stats: LogQueueStats) => number, aggregator: "sum" | "max" = "sum") =>
    new Gauge({
      name,
      help,
      registers: [registry],
      aggregator,
      collect() {
        const stats = logStats.read();
        this.set(stats ? value(stats) : 0);
      },
    });
  logGauge("tollgate_log_queue_rows", "Log rows waiting to be written, in memory and on disk.", (s) => s.pending);
  logGauge("tollgate_log_spilled_rows", "Log rows waiting on disk (database down, or beyond the memory bound).", (s) => s.spilled);
  logGauge("tollgate_log_oldest_pending_seconds", "Age of the oldest log row not written yet.", (s) => s.oldestPendingMs / 1000, "max");
  logGauge("tollgate_log_stalled", "1 while the database is not taking log writes.", (s) => (s.stalled ? 1 : 0), "max");
  logGauge("tollgate_log_journal_failing", "1 while log rows cannot be journaled on disk (a kill would lose the rows in memory).", (s) => (s.journalError ? 1 : 0), "max");
  logGauge("tollgate_log_rows_written", "Log rows written since start.", (s) => s.written);
  logGauge("tollgate_log_rows_dead_lettered", "Log rows the database refused, kept in the dead-letter table, since start.", (s) => s.deadLettered);
  logGauge("tollgate_log_rows_duplicate", "Replayed log rows found already written, since start.", (s) => s.duplicates);
  logGauge("tollgate_log_rows_dropped", "Log rows lost since start because memory and the disk spill were full.", (s) => s.dropped);
  new Gauge({
    name: "tollgate_log_dead_letters",
    help: "Dead-lettered log rows in the database waiting to be retried or discarded (all workspaces).",
    registers: [registry],
    aggregator: "max", // every worker counts the same table
    async collect() {
      const count = await deadLetterCount().catch(() => null);
      if (count !== null) this.set(count);
    },
  });
  new Gauge({
    name: "tollgate_log_partition_days_ahead",
    help: "Postgres: days after today whose request-log partition exists (the hourly job makes 7); at 0, tomorrow's rows will land in the default partition.",
    registers: [registry],
    aggregator: "max",
    async collect() {
      const days = await partitionDaysAhead().catch(() => null);
      if (days !== null) this.set(days);
    },
  });
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
  const incompleteLogRows = new Counter({
    name: "tollgate_log_rows_incomplete_total",
    help: "Calls whose usage, cost or bodies could not be worked out; logged with what was known.",
    registers: [registry],
  });
  return { registry, gatewayRequests, upstreamResponses, logStats, redisState, incompleteLogRows };
}

const holder = globalThis as unknown as { tollgateMetrics?: Metrics };

export function metrics(): Metrics {
  holder.tollgateMetrics ??= createMetrics();
  return holder.tollgateMetrics;
}
