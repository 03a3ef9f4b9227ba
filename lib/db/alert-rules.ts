// Alert rules and the evaluator's per-group state. Every read and write is scoped to a
// workspace: an id from another workspace is simply not found.
import { type AlertRuleSpec, alertRuleColumns, alertRuleFromRow } from "../alerts/rules";
import type { GroupState } from "../alerts/state-machine";
import { type Db, db as defaultDb } from "./client";

export async function listAlertRules(workspaceId: string, db: Db = defaultDb()) {
  const rows = await db.alertRule.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } });
  return rows.map(alertRuleFromRow);
}

export async function findAlertRule(workspaceId: string, id: string, db: Db = defaultDb()) {
  const row = await db.alertRule.findFirst({ where: { workspaceId, id } });
  return row ? alertRuleFromRow(row) : null;
}

export async function createAlertRule(workspaceId: string, spec: AlertRuleSpec, db: Db = defaultDb()) {
  return alertRuleFromRow(await db.alertRule.create({ data: { workspaceId, ...alertRuleColumns(spec) } }));
}

/** Null when the rule is not in this workspace. */
export async function updateAlertRule(workspaceId: string, id: string, spec: AlertRuleSpec, db: Db = defaultDb()) {
  const { count } = await db.alertRule.updateMany({ where: { workspaceId, id }, data: alertRuleColumns(spec) });
  return count ? findAlertRule(workspaceId, id, db) : null;
}

export async function setAlertRuleEnabled(workspaceId: string, id: string, enabled: boolean, db: Db = defaultDb()) {
  await db.alertRule.updateMany({ where: { workspaceId, id }, data: { enabled } });
}

export async function deleteAlertRule(workspaceId: string, id: string, db: Db = defaultDb()) {
  const { count } = await db.alertRule.deleteMany({ where: { workspaceId, id } });
  return count > 0;
}

/** Every enabled rule with what the evaluator needs of its workspace. */
export async function enabledAlertRules(db: Db = defaultDb()) {
  const rows = await db.alertRule.findMany({ where: { enabled: true }, include: { workspace: { select: { id: true, name: true, timeZone: true, webhookSecret: true } } } });
  return rows.map((row) => ({ rule: alertRuleFromRow(row), workspace: row.workspace }));
}

export interface StoredGroupState extends GroupState {
  groupKey: string;
  lastEvaluatedAt: Date;
}

export async function alertStates(alertRuleId: string, db: Db = defaultDb()): Promise<StoredGroupState[]> {
  const rows = await db.alertState.findMany({ where: { alertRuleId } });
  return rows.map((r) => ({ groupKey: r.groupKey, state: r.state as GroupState["state"], firedAt: r.firedAt, clearSince: r.clearSince, lastEvaluatedAt: r.lastEvaluatedAt }));
}

/**
 * Moves a group to its next state only if nobody moved it since `previous` was read (compare and
 * set on the state and evaluation time). False means another evaluator got there first, and
 * whatever event the move implies is theirs to send.
 */
export async function moveAlertState(alertRuleId: string, groupKey: string, previous: StoredGroupState | undefined, next: GroupState, value: number, now: Date, db: Db = defaultDb()): Promise<boolean> {
  const data = { state: next.state, firedAt: next.firedAt, clearSince: next.clearSince, lastValue: value, lastEvaluatedAt: now };
  if (!previous) {
    try {
      await db.alertState.create({ data: { alertRuleId, groupKey, ...data } });
      return true;
    } catch {
      return false; // created meanwhile by another evaluator (unique rule + group)
    }
  }
  const { count } = await db.alertState.updateMany({ where: { alertRuleId, groupKey, state: previous.state, lastEvaluatedAt: previous.lastEvaluatedAt }, data });
  return count === 1;
}

/** States of groups that are ok and were not seen for a day: nothing to remember. */
export async function forgetIdleStates(alertRuleId: string, before: Date, db: Db = defaultDb()) {
  await db.alertState.deleteMany({ where: { alertRuleId, state: "ok", lastEvaluatedAt: { lt: before } } });
}

/** How many groups of each of the workspace's rules are firing now. */
export async function firingGroupCounts(workspaceId: string, db: Db = defaultDb()): Promise<Map<string, number>> {
  const rows = await db.alertState.groupBy({ by: ["alertRuleId"], where: { state: "firing", alertRule: { workspaceId } }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.alertRuleId, r._count._all]));
}
