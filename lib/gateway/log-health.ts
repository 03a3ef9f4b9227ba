// Is the request log keeping up? One answer for /api/health, /metrics and the dashboard banner:
// degraded, with the reasons, whenever rows wait too long, the database is not taking writes,
// rows cannot be journaled on disk, rows were dead-lettered or were dropped, or (Postgres)
// tomorrow has no partition of the log.
import { countDeadLetters } from "../db/dead-letters";
import { partitionDaysAhead } from "../db/partitions";
import { countOf } from "../format";
import { clusterLink } from "../cluster/link";
import type { LogQueueStats } from "./log-queue";
import { runningGateway } from "./runtime";

/** Pending rows or age beyond which the log counts as behind. */
export const LOG_BEHIND = { rows: 10_000, ageMs: 30_000 };

/** The server's log queue: this process's, or every worker's summed. */
export type ServerLogStats = LogQueueStats & {
  /** Workers that did not report their queue in time (worker mode): their rows are not counted. */
  unreportedWorkers?: number;
};

export interface LogHealth {
  status: "ok" | "degraded";
  reasons: string[];
  /** Undefined when the process runs no gateway. */
  queue?: ServerLogStats;
  /** Dead letters in the database, of every workspace; null when the database did not answer. */
  deadLetters: number | null;
  /** Days after today with their log partition (Postgres); null on SQLite or when unknown. */
  partitionDaysAhead: number | null;
}

export function logReasons(queue: ServerLogStats | undefined, deadLetters: number | null, partitionDaysAhead: number | null = null): string[] {
  const reasons: string[] = [];
  if (queue?.unreportedWorkers) reasons.push(`${countOf(queue.unreportedWorkers, "worker")} did not report their request log: rows may be waiting there`);
  if (queue?.stalled) reasons.push(`the database is not taking log writes (${countOf(queue.pending, "row")} waiting): ${queue.lastError ?? "unknown error"}`);
  else if (queue && (queue.pending > LOG_BEHIND.rows || queue.oldestPendingMs > LOG_BEHIND.ageMs)) {
    reasons.push(`the log is behind: ${countOf(queue.pending, "row")} waiting, the oldest for ${Math.round(queue.oldestPendingMs / 1000)} s`);
  }
  if (deadLetters) reasons.push(`${countOf(deadLetters, "log row")} refused by the database, kept as dead letters`);
  if (queue?.journalError) reasons.push(`the log's journal cannot be written (${queue.journalError}): rows waiting in memory would be lost if the process were killed`);
  if (queue?.dropped) reasons.push(`${countOf(queue.dropped, "log row")} dropped since start (the disk spill was full)`);
  if (partitionDaysAhead === 0) reasons.push("the request log has no partition for tomorrow (UTC): the hourly purge job has not made one for days; rows will be kept in the default partition, read and purged row by row");
  return reasons;
}

/** Several workers' queues as one: counts summed, the oldest row and any stall kept. */
export function mergeLogStats(queues: LogQueueStats[]): LogQueueStats | undefined {
  if (queues.length <= 1) return queues[0];
  const sum = (pick: (q: LogQueueStats) => number) => queues.reduce((n, q) => n + pick(q), 0);
  return {
    pending: sum((q) => q.pending),
    spilled: sum((q) => q.spilled),
    oldestPendingMs: Math.max(...queues.map((q) => q.oldestPendingMs)),
    written: sum((q) => q.written),
    deadLettered: sum((q) => q.deadLettered),
    duplicates: sum((q) => q.duplicates),
    dropped: sum((q) => q.dropped),
    stalled: queues.some((q) => q.stalled),
    journalError: queues.find((q) => q.journalError)?.journalError ?? null,
    lastError: queues.find((q) => q.stalled && q.lastError)?.lastError ?? queues.find((q) => q.lastError)?.lastError ?? null,
  };
}

/** The log queue of this server: in worker mode, all workers', with those that did not answer counted. */
export async function serverLogStats(): Promise<ServerLogStats | undefined> {
  const own = runningGateway()?.deps.log.snapshot();
  const link = clusterLink();
  if (!link) return own;
  // Without the primary, only this worker's queue is known, and the others are unreported.
  const { queues, unreported } = await link.logStats().catch(() => ({ queues: own ? [own] : [], unreported: 1 }));
  const merged = mergeLogStats(queues);
  return merged && { ...merged, unreportedWorkers: unreported };
}

export async function logHealth(): Promise<LogHealth> {
  const queue = await serverLogStats();
  const [deadLetters, daysAhead] = await Promise.all([countDeadLetters().catch(() => null), partitionDaysAhead().catch(() => null)]);
  const reasons = logReasons(queue, deadLetters, daysAhead);
  return { status: reasons.length ? "degraded" : "ok", reasons, queue, deadLetters, partitionDaysAhead: daysAhead };
}
