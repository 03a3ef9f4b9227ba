// The log rows the database refused (LogDeadLetter): counted for health, listed for owners,
// and handed back to the log queue to retry once the cause is fixed.
import { type Db, db as defaultDb } from "./client";
import { decodeRow } from "./log-row-codec";
import type { RequestLogRow } from "./request-log";

export interface DeadLetterView {
  id: string;
  requestId: string;
  createdAt: Date;
  error: string;
  /** The row's model, status and time, read from its JSON for the list. */
  summary: { model: string; status: number; at: string } | null;
}

/** Dead letters of every workspace (health), or of one. */
export const countDeadLetters = (workspaceId?: string, db: Db = defaultDb()) => db.logDeadLetter.count({ where: workspaceId ? { workspaceId } : {} });

function summaryOf(text: string): DeadLetterView["summary"] {
  try {
    const row = decodeRow(text);
    return { model: row.modelRequested.slice(0, 80), status: row.status, at: row.createdAt.toISOString() };
  } catch {
    return null;
  }
}

export async function listDeadLetters(workspaceId: string, limit = 100, db: Db = defaultDb()): Promise<DeadLetterView[]> {
  const letters = await db.logDeadLetter.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" }, take: limit });
  return letters.map((l) => ({ id: l.id, requestId: l.requestId, createdAt: l.createdAt, error: l.error.slice(0, 500), summary: summaryOf(l.row) }));
}

/**
 * Takes a workspace's dead letters out of the table (all, or the given ids) and returns their
 * rows, to be queued again. A row that fails again comes back as a new dead letter.
 */
export async function takeDeadLetters(workspaceId: string, ids: string[] | null, db: Db = defaultDb()): Promise<RequestLogRow[]> {
  const where = { workspaceId, ...(ids ? { id: { in: ids } } : {}) };
  const letters = await db.logDeadLetter.findMany({ where, take: 1000 });
  await db.logDeadLetter.deleteMany({ where: { id: { in: letters.map((l) => l.id) } } });
  return letters.flatMap((l) => {
    try {
      return [decodeRow(l.row)];
    } catch {
      return [];
    }
  });
}

export const discardDeadLetter = (workspaceId: string, id: string, db: Db = defaultDb()) => db.logDeadLetter.deleteMany({ where: { workspaceId, id } });
