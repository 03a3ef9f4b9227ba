// GET /api/health – liveness, database and Redis reachability and the request log: 503 when the
// database is down, "degraded" with reasons (200) when Redis is down or the log is behind,
// stalled, cannot be journaled, has dead letters or dropped rows, so a fault that stops or loses
// logging is never silent.
import { databaseReachable } from "@/lib/db/health";
import { logHealth } from "@/lib/gateway/log-health";
import { runningGateway } from "@/lib/gateway/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const [up, log] = await Promise.all([databaseReachable(), logHealth()]);
  const redis = runningGateway()?.redis;
  const reasons = [
    ...(up ? [] : ["the database is unreachable"]),
    ...log.reasons,
    ...(redis && !redis.up ? [`Redis is unreachable (${redis.lastError ?? "not connected"}): cache calls are misses, rate limits and budgets count in this process`] : []),
  ];
  const { queue } = log;
  return Response.json(
    {
      status: reasons.length ? "degraded" : "ok",
      db: up ? "ok" : "unreachable",
      ...(redis ? { redis: redis.up ? "ok" : "unreachable" } : {}),
      ...(reasons.length ? { reasons } : {}),
      log: {
        ...(queue
          ? { pending: queue.pending, spilled: queue.spilled, oldestPendingMs: queue.oldestPendingMs, written: queue.written, deadLettered: queue.deadLettered, duplicates: queue.duplicates, dropped: queue.dropped, stalled: queue.stalled, ...(queue.journalError ? { journalError: queue.journalError } : {}), ...(queue.unreportedWorkers ? { unreportedWorkers: queue.unreportedWorkers } : {}) }
          : {}),
        deadLetters: log.deadLetters,
        ...(log.partitionDaysAhead !== null ? { partitionDaysAhead: log.partitionDaysAhead } : {}),
      },
    },
    { status: up ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
