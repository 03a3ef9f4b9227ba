// The retention purge: for each workspace with a retention setting, blank request and response
// bodies older than its body limit, and delete rows older than its row limit, in small batches
// with a pause between them. Rows go only up to a whole hour, so the hourly rollups, which are
// never purged, still hold every purged hour completely: totals and charts over old periods stay
// exact (lib/analytics/facts.ts reads whole hours from the rollups).
import type { Db } from "../db/client";
import { HOUR_MS } from "../db/rollups";
import { type BodyCursor, clearBodiesBetween, deleteRowsBefore, markBodiesPurgedBefore, workspacesWithRetention } from "../db/retention";

const DAY_MS = 24 * HOUR_MS;

export interface PurgeOptions {
  batch: number;
  /** Pause between batches, so the gateway's log writes interleave. */
  pauseMs: number;
}

export interface PurgeResult {
  bodiesCleared: number;
  rowsDeleted: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const rowCutoff = (now: Date, days: number) => new Date(Math.floor((now.getTime() - days * DAY_MS) / HOUR_MS) * HOUR_MS);
export const bodyCutoff = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

export async function purgeWorkspace(db: Db, workspace: { id: string; bodyRetentionDays: number | null; rowRetentionDays: number | null; bodiesPurgedBefore: Date | null }, now: Date, options: PurgeOptions): Promise<PurgeResult> {
  const result: PurgeResult = { bodiesCleared: 0, rowsDeleted: 0 };
  if (workspace.rowRetentionDays !== null) {
    const before = rowCutoff(now, workspace.rowRetentionDays);
    for (let n = options.batch; n === options.batch; ) {
      n = await deleteRowsBefore(workspace.id, before, options.batch, db);
      result.rowsDeleted += n;
      if (n) await pause(options.pauseMs);
    }
  }
  if (workspace.bodyRetentionDays !== null) {
    const before = bodyCutoff(now, workspace.bodyRetentionDays);
    let from: BodyCursor | null = workspace.bodiesPurgedBefore ? { createdAt: workspace.bodiesPurgedBefore, id: null } : null;
    for (;;) {
      const { read, last } = await clearBodiesBetween(workspace.id, from, before, options.batch, db);
      result.bodiesCleared += read;
      if (read < options.batch) break;
      from = last;
      await pause(options.pauseMs);
    }
    await markBodiesPurgedBefore(workspace.id, before, db);
  }
  return result;
}

export async function purgeAll(db: Db, now: Date, options: PurgeOptions): Promise<PurgeResult> {
  const total: PurgeResult = { bodiesCleared: 0, rowsDeleted: 0 };
  for (const workspace of await workspacesWithRetention(db)) {
    const r = await purgeWorkspace(db, workspace, now, options);
    total.bodiesCleared += r.bodiesCleared;
    total.rowsDeleted += r.rowsDeleted;
  }
  return total;
}
