// Is the request log keeping up? One answer for /api/health, /metrics and the dashboard banner:
// degraded, with the reasons, whenever rows wait too long, the database is not taking writes,
// rows were dead-lettered or were dropped.
import { countDeadLetters } from "../db/dead-letters";
import type { LogQueueStats } from "./log-queue";
import { runningGateway } from "./runtime";

/** Pending rows or age beyond which the log counts as behind. */
export const LOG_BEHIND = { rows: 10_000, ageMs: 30_000 };

export interface LogHealth {
  status: "ok" | "degraded";
  reasons: string[];
  /** This process's queue (undefined when it runs no gateway). */
  queue?: LogQueueStats;
  /** Dead letters in the database, of every workspace; null when the database did not answer. */
  deadLetters: number | null;
}

export function logReasons(queue: LogQueueStats | undefined, deadLetters: number | null): string[] {
  const reasons: string[] = [];
  if (queue?.stalled) reasons.push(`the database is not taking log writes (${queue.pending} rows waiting): ${queue.lastError ?? "unknown error"}`);
  else if (queue && (queue.pending > LOG_BEHIND.rows || queue.oldestPendingMs > LOG_BEHIND.ageMs)) {
    reasons.push(`the log is behind: ${queue.pending} rows waiting, the oldest for ${Math.round(queue.oldestPendingMs / 1000)} s`);
  }
  if (deadLetters) reasons.push(`${deadLetters} log row(s) refused by the database are kept as dead letters`);
  if (queue?.dropped) reasons.push(`${queue.dropped} log row(s) were dropped since start (the spill was full)`);
  return reasons;
}

export async function logHealth(): Promise<LogHealth> {
  const queue = runningGateway()?.deps.log.snapshot();
  const deadLetters = await countDeadLetters().catch(() => null);
  const reasons = logReasons(queue, deadLetters);
  return { status: reasons.length ? "degraded" : "ok", reasons, queue, deadLetters };
}
