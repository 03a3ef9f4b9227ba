// Changes to alerts and budgets, each recorded in the audit log: the one path the settings
// pages' actions and the REST API both take.
import type { AlertRuleSpec } from "../alerts/rules";
import type { BudgetSpec } from "../budgets/budgets";
import { createAlertRule, deleteAlertRule, findAlertRule, setAlertRuleEnabled, updateAlertRule } from "../db/alert-rules";
import { type Actor, recordAudit } from "../db/audit";
import { createBudget, deleteBudget, findBudget, setBudgetEnabled, updateBudget } from "../db/budgets";
import { type Db, db as defaultDb } from "../db/client";

/** The audit detail of a spec: its fields, with channel URLs reduced to whether they are set. */
function summary(spec: { channels: { emails: string[]; slackWebhookUrl?: string | null; webhookUrl?: string | null } }) {
  return { ...spec, channels: { emails: spec.channels.emails, slack: Boolean(spec.channels.slackWebhookUrl), webhook: Boolean(spec.channels.webhookUrl) } };
}

export interface Changer {
  workspaceId: string;
  actor: Actor;
}

export async function addAlert({ workspaceId, actor }: Changer, spec: AlertRuleSpec, db: Db = defaultDb()) {
  const rule = await createAlertRule(workspaceId, spec, db);
  await recordAudit(workspaceId, actor, { action: "alert.created", target: rule.name, detail: summary(spec) }, db);
  return rule;
}

export async function changeAlert({ workspaceId, actor }: Changer, id: string, spec: AlertRuleSpec, db: Db = defaultDb()) {
  const rule = await updateAlertRule(workspaceId, id, spec, db);
  if (rule) await recordAudit(workspaceId, actor, { action: "alert.updated", target: rule.name, detail: summary(spec) }, db);
  return rule;
}

export async function toggleAlert({ workspaceId, actor }: Changer, id: string, enabled: boolean, db: Db = defaultDb()) {
  const rule = await findAlertRule(workspaceId, id, db);
  if (!rule) return;
  await setAlertRuleEnabled(workspaceId, id, enabled, db);
  await recordAudit(workspaceId, actor, { action: enabled ? "alert.enabled" : "alert.disabled", target: rule.name }, db);
}

export async function removeAlert({ workspaceId, actor }: Changer, id: string, db: Db = defaultDb()) {
  const rule = await findAlertRule(workspaceId, id, db);
  if (!rule || !(await deleteAlertRule(workspaceId, id, db))) return false;
  await recordAudit(workspaceId, actor, { action: "alert.deleted", target: rule.name }, db);
  return true;
}

export async function addBudget({ workspaceId, actor }: Changer, spec: BudgetSpec, db: Db = defaultDb()) {
  const budget = await createBudget(workspaceId, spec, db);
  await recordAudit(workspaceId, actor, { action: "budget.created", target: budget.name, detail: summary(spec) }, db);
  return budget;
}

export async function changeBudget({ workspaceId, actor }: Changer, id: string, spec: BudgetSpec, db: Db = defaultDb()) {
  const budget = await updateBudget(workspaceId, id, spec, db);
  if (budget) await recordAudit(workspaceId, actor, { action: "budget.updated", target: budget.name, detail: summary(spec) }, db);
  return budget;
}

export async function toggleBudget({ workspaceId, actor }: Changer, id: string, enabled: boolean, db: Db = defaultDb()) {
  const budget = await findBudget(workspaceId, id, db);
  if (!budget) return;
  await setBudgetEnabled(workspaceId, id, enabled, db);
  await recordAudit(workspaceId, actor, { action: enabled ? "budget.enabled" : "budget.disabled", target: budget.name }, db);
}

export async function removeBudget({ workspaceId, actor }: Changer, id: string, db: Db = defaultDb()) {
  const budget = await findBudget(workspaceId, id, db);
  if (!budget || !(await deleteBudget(workspaceId, id, db))) return false;
  await recordAudit(workspaceId, actor, { action: "budget.deleted", target: budget.name }, db);
  return true;
}
