// The audit log: who changed what in a workspace's settings. Written next to each change;
// never holds a secret (only names, prefixes and the fields that changed).
import { type Db, db as defaultDb } from "./client";

export interface Actor {
  userId: string | null;
  label: string;
}

/** A signed-in user as the audit log names them. */
export const actorOf = (user: { userId: string; email: string }): Actor => ({ userId: user.userId, label: user.email });

export interface AuditEntry {
  action: string;
  target: string;
  detail?: Record<string, unknown>;
}

export async function recordAudit(workspaceId: string, actor: Actor, entry: AuditEntry, db: Db = defaultDb()) {
  await db.auditEvent.create({
    data: { workspaceId, actorId: actor.userId, actorLabel: actor.label, action: entry.action, target: entry.target, detail: entry.detail ? JSON.stringify(entry.detail) : null },
  });
}

export function listAuditEvents(workspaceId: string, query: { limit: number; before?: { createdAt: Date; id: string } }, db: Db = defaultDb()) {
  return db.auditEvent.findMany({
    where: { workspaceId, ...(query.before ? { OR: [{ createdAt: { lt: query.before.createdAt } }, { createdAt: query.before.createdAt, id: { lt: query.before.id } }] } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit,
  });
}

export const findAuditEvent = (workspaceId: string, id: string, db: Db = defaultDb()) => db.auditEvent.findFirst({ where: { workspaceId, id }, select: { id: true, createdAt: true } });
