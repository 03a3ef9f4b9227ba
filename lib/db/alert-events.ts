// Alert history: events (fired, resolved, test, budget) and the delivery of each to each channel.
import type { ChannelTarget } from "../alerts/channels";
import { type Db, db as defaultDb } from "./client";

export interface EventRow {
  id: string;
  workspaceId: string;
  alertRuleId: string | null;
  budgetId: string | null;
  groupKey: string;
  kind: string;
  value: number;
  threshold: number;
  detail: string;
  createdAt: Date;
}

export type DeliveryRow = ChannelTarget & { id: string };

export async function createEventWithDeliveries(event: EventRow, targets: ChannelTarget[], db: Db = defaultDb()): Promise<DeliveryRow[]> {
  const created = await db.alertEvent.create({
    data: { ...event, deliveries: { create: targets.map((t) => ({ channel: t.channel, target: t.target, status: "pending" })) } },
    include: { deliveries: { select: { id: true, channel: true, target: true } } },
  });
  return created.deliveries.map((d) => ({ id: d.id, channel: d.channel as ChannelTarget["channel"], target: d.target }));
}

export async function finishDelivery(id: string, outcome: { status: "delivered" | "failed"; attempts: number; error: string | null }, db: Db = defaultDb()) {
  await db.alertDelivery.update({
    where: { id },
    data: { status: outcome.status, attempts: outcome.attempts, error: outcome.error, deliveredAt: outcome.status === "delivered" ? new Date() : null },
  });
}

export interface EventListQuery {
  alertRuleId?: string;
  budgetId?: string;
  limit: number;
  /** Events strictly older than this id's event (keyset paging, newest first). */
  before?: { createdAt: Date; id: string };
}

export function listAlertEvents(workspaceId: string, query: EventListQuery, db: Db = defaultDb()) {
  return db.alertEvent.findMany({
    where: {
      workspaceId,
      ...(query.alertRuleId ? { alertRuleId: query.alertRuleId } : {}),
      ...(query.budgetId ? { budgetId: query.budgetId } : {}),
      ...(query.before ? { OR: [{ createdAt: { lt: query.before.createdAt } }, { createdAt: query.before.createdAt, id: { lt: query.before.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit,
    include: { alertRule: { select: { name: true } }, deliveries: { orderBy: { createdAt: "asc" }, select: { channel: true, target: true, status: true, attempts: true, error: true, deliveredAt: true } } },
  });
}

export const findAlertEvent = (workspaceId: string, id: string, db: Db = defaultDb()) => db.alertEvent.findFirst({ where: { workspaceId, id }, select: { id: true, createdAt: true } });
