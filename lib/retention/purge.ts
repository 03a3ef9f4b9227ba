// The retention purge: for each workspace with a retention setting, blank request and response
// bodies older than its body limit, and delete rows older than its row limit, in small batches
// with a pause between them. Rows go a whole UTC day at a time, so the hourly rollups, which are
// never purged, still hold every purged hour completely: totals and charts over old periods stay
// exact (lib/analytics/facts.ts reads whole hours from the rollups). On Postgres, where the log
// is partitioned by day, a day whose rows have all expired is dropped as a table first.
import type { Db } from "../db/client";
import { maintainDailyPartitions } from "../db/partitions";
import { DAY_MS, dayOf } from "../db/timestamps";
import { type BodyCursor, clearBodiesBetween, deleteRowsBefore, markBodiesPurgedBefore, rowLimits, workspacesWithRetention } from "../db/retention";
import { deletedWorkspaceIds, removeDeletedWorkspace } from "../db/workspaces";


export interface PurgeOptions {
  batch: number;
  /** Pause between batches, so the gateway's log writes interleave. */
  pauseMs: number;
}

export interface PurgeResult {
  bodiesCleared: number;
  rowsDeleted: number;
  /** Deleted workspaces whose data is now gone, with them. */
  workspacesRemoved: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rows go a whole UTC day at a time: the day must be entirely older than the limit. */
export const rowCutoff = (now: Date, days: number) => dayOf(new Date(now.getTime() - days * DAY_MS));
export const bodyCutoff = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

async function deleteRowsInBatches(db: Db, workspaceId: string, before: Date, options: PurgeOptions): Promise<number> {
  let deleted = 0;
  for (let n = options.batch; n === options.batch; ) {
    n = await deleteRowsBefore(workspaceId, before, options.batch, db);
    deleted += n;
    if (n) await pause(options.pauseMs);
  }
  return deleted;
}

/** Every row of each deleted workspace, in batches, then the workspace itself. */
async function removeDeletedWorkspaces(db: Db, options: PurgeOptions): Promise<PurgeResult> {
  const result: PurgeResult = { bodiesCleared: 0, rowsDeleted: 0, workspacesRemoved: 0 };
  for (const id of await deletedWorkspaceIds(db)) {
    result.rowsDeleted += await deleteRowsInBatches(db, id, END_OF_TIME, options);
    await removeDeletedWorkspace(id, db);
    result.workspacesRemoved++;
  }
  return result;
}

// Later than any row: a year far ahead that both databases store.
const END_OF_TIME = new Date("9999-01-01T00:00:00Z");

export async function purgeWorkspace(db: Db, workspace: { id: string; bodyRetentionDays: number | null; rowRetentionDays: number | null; bodiesPurgedBefore: Date | null }, now: Date, options: PurgeOptions): Promise<PurgeResult> {
  const result: PurgeResult = { bodiesCleared: 0, rowsDeleted: 0, workspacesRemoved: 0 };
  if (workspace.rowRetentionDays !== null) result.rowsDeleted += await deleteRowsInBatches(db, workspace.id, rowCutoff(now, workspace.rowRetentionDays), options);
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

/**
 * Postgres: a past day goes as a whole table when every row in it has expired (or belongs to a
 * deleted workspace). A day that still holds rows some workspace keeps stays, and the row deletes
 * below take out the expired ones. Returns the rows dropped.
 */
async function dropExpiredDays(db: Db, now: Date): Promise<number> {
  const cutoffs = new Map((await rowLimits(db)).map((w) => [w.id, w.deletedAt ? END_OF_TIME : w.rowRetentionDays === null ? null : rowCutoff(now, w.rowRetentionDays)]));
  return maintainDailyPartitions(db, now, (end, rowsByWorkspace) =>
    [...rowsByWorkspace.keys()].every((id) => {
      const cutoff = cutoffs.get(id);
      return cutoff != null && cutoff >= end;
    }),
  );
}

export async function purgeAll(db: Db, now: Date, options: PurgeOptions): Promise<PurgeResult> {
  const dropped = await dropExpiredDays(db, now);
  const results = [{ bodiesCleared: 0, rowsDeleted: dropped, workspacesRemoved: 0 }, await removeDeletedWorkspaces(db, options)];
  for (const workspace of await workspacesWithRetention(db)) results.push(await purgeWorkspace(db, workspace, now, options));
  return {
    bodiesCleared: results.reduce((sum, r) => sum + r.bodiesCleared, 0),
    rowsDeleted: results.reduce((sum, r) => sum + r.rowsDeleted, 0),
    workspacesRemoved: results.reduce((sum, r) => sum + r.workspacesRemoved, 0),
  };
}
