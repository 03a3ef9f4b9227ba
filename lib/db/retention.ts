// Retention: per-workspace settings, and the batched deletes the purge job runs. Each batch is
// its own short statement, so the log writer and the gateway are never locked out for long.
import { type Db, db as defaultDb } from "./client";
import { timeSpan } from "./partitions";

export function workspacesWithRetention(db: Db = defaultDb()) {
  return db.workspace.findMany({
    where: { deletedAt: null, OR: [{ bodyRetentionDays: { not: null } }, { rowRetentionDays: { not: null } }] },
    select: { id: true, bodyRetentionDays: true, rowRetentionDays: true, bodiesPurgedBefore: true },
  });
}

/** Every workspace's row limit, deleted ones included (their rows all go). */
export function rowLimits(db: Db = defaultDb()) {
  return db.workspace.findMany({ select: { id: true, rowRetentionDays: true, deletedAt: true } });
}

export function retentionOf(workspaceId: string, db: Db = defaultDb()) {
  return db.workspace.findUnique({ where: { id: workspaceId }, select: { bodyRetentionDays: true, rowRetentionDays: true, bodiesPurgedBefore: true } });
}

export async function setRetention(workspaceId: string, days: { bodyRetentionDays: number | null; rowRetentionDays: number | null }, db: Db = defaultDb()) {
  await db.workspace.update({ where: { id: workspaceId }, data: days });
}

/** Deletes up to `batch` of the oldest rows before `before` (with their properties); returns how many. */
export async function deleteRowsBefore(workspaceId: string, before: Date, batch: number, db: Db = defaultDb()): Promise<number> {
  const rows = await db.request.findMany({ where: { workspaceId, createdAt: { lt: before } }, select: { id: true, createdAt: true }, orderBy: { createdAt: "asc" }, take: batch });
  if (rows.length === 0) return 0;
  const [ids, createdAt] = [rows.map((r) => r.id), timeSpan(rows)];
  await db.$transaction([db.requestProperty.deleteMany({ where: { requestId: { in: ids }, createdAt } }), db.request.deleteMany({ where: { id: { in: ids }, createdAt } })]);
  return rows.length;
}

export interface BodyCursor {
  createdAt: Date;
  /** The last row read at that time; null to start at the time itself. */
  id: string | null;
}

/**
 * Blanks the bodies of up to `batch` rows after `from` and before `before`, oldest first, and
 * returns where it stopped, so the caller continues from there.
 */
export async function clearBodiesBetween(workspaceId: string, from: BodyCursor | null, before: Date, batch: number, db: Db = defaultDb()): Promise<{ read: number; last: BodyCursor | null }> {
  const after = from ? (from.id ? { OR: [{ createdAt: { gt: from.createdAt } }, { createdAt: from.createdAt, id: { gt: from.id } }] } : { createdAt: { gte: from.createdAt } }) : {};
  const rows = await db.request.findMany({
    where: { workspaceId, AND: [{ createdAt: { lt: before } }, after] },
    select: { id: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: batch,
  });
  if (rows.length === 0) return { read: 0, last: null };
  await db.request.updateMany({
    where: { id: { in: rows.map((r) => r.id) }, createdAt: timeSpan(rows), OR: [{ requestBody: { not: null } }, { responseBody: { not: null } }] },
    data: { requestBody: null, responseBody: null, requestBodyState: "purged", responseBodyState: "purged" },
  });
  const last = rows.at(-1)!;
  return { read: rows.length, last: { createdAt: last.createdAt, id: last.id } };
}

export async function markBodiesPurgedBefore(workspaceId: string, before: Date, db: Db = defaultDb()) {
  await db.workspace.update({ where: { id: workspaceId }, data: { bodiesPurgedBefore: before } });
}
