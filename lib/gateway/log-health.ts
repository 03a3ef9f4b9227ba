// Is the request log keeping up? One answer for /api/health, /metrics and the dashboard banner:
// degraded, with the reasons, whenever rows wait too long, the database is not taking writes,
// rows were dead-lettered or were dropped.
import { countDeadLetters } from "../db/dead-letters";
import { countOf } from "../format";
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
  if (queue?.stalled) reasons.push(`the database is not taking log writes (${countOf(queue.pending, "row")} waiting): ${queue.lastError ?? "unknown error"}`);
  else if (queue && (queue.pending > LOG_BEHIND.rows || queue.oldestPendingMs > LOG_BEHIND.ageMs)) {
    reasons.push(`the log is behind: ${countOf(queue.pending, "row")} waiting, the oldest for ${Math.round(queue.oldestPendingMs / 1000)} s`);
  }
  if (deadLetters) reasons.push(`${countOf(deadLetters, "log row")} refused by the database, kept as dead letters`);
  if (queue?.dropped) reasons.push(`${countOf(queue.dropped, "log row")} dropped since start (the disk spill was full)`);
  return reasons;
}

export async function logHealth(): Promise<LogHealth> {
  const queue = runningGateway()?.deps.log.snapshot();
  const deadLetters = await countDeadLetters().catch(() => null);
  const reasons = logReasons(queue, deadLetters);
  return { status: reasons.length ? "degraded" : "ok", reasons, queue, deadLetters };
}
