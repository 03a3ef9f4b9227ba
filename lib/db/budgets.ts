// Budgets and their threshold notices, scoped to a workspace like every settings table.
import { type BudgetSpec, budgetColumns, budgetFromRow } from "../budgets/budgets";
import { type Db, db as defaultDb } from "./client";

export async function listBudgets(workspaceId: string, db: Db = defaultDb()) {
  const rows = await db.budget.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } });
  return rows.map(budgetFromRow);
}

export async function findBudget(workspaceId: string, id: string, db: Db = defaultDb()) {
  const row = await db.budget.findFirst({ where: { workspaceId, id } });
  return row ? budgetFromRow(row) : null;
}

export async function createBudget(workspaceId: string, spec: BudgetSpec, db: Db = defaultDb()) {
  return budgetFromRow(await db.budget.create({ data: { workspaceId, ...budgetColumns(spec) } }));
}

export async function updateBudget(workspaceId: string, id: string, spec: BudgetSpec, db: Db = defaultDb()) {
  const { count } = await db.budget.updateMany({ where: { workspaceId, id }, data: budgetColumns(spec) });
  return count ? findBudget(workspaceId, id, db) : null;
}

export async function setBudgetEnabled(workspaceId: string, id: string, enabled: boolean, db: Db = defaultDb()) {
  await db.budget.updateMany({ where: { workspaceId, id }, data: { enabled } });
}

export async function deleteBudget(workspaceId: string, id: string, db: Db = defaultDb()) {
  const { count } = await db.budget.deleteMany({ where: { workspaceId, id } });
  return count > 0;
}

/** The budgets the gateway enforces for a workspace, and the zone its days and months are in. */
export async function blockingBudgets(workspaceId: string, db: Db = defaultDb()) {
  const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { timeZone: true, budgets: { where: { enabled: true, action: "block" } } } });
  return { timeZone: workspace?.timeZone ?? "UTC", budgets: (workspace?.budgets ?? []).map(budgetFromRow) };
}

/** Every enabled budget with what the notice job needs of its workspace. */
export async function enabledBudgets(db: Db = defaultDb()) {
  const rows = await db.budget.findMany({ where: { enabled: true }, include: { workspace: { select: { id: true, name: true, timeZone: true, webhookSecret: true } } } });
  return rows.map((row) => ({ budget: budgetFromRow(row), workspace: row.workspace }));
}

/** Records that a threshold was announced; false if it already was (by this or another replica). */
export async function claimBudgetNotice(budgetId: string, scopeValue: string, periodStart: Date, percent: number, db: Db = defaultDb()): Promise<boolean> {
  try {
    await db.budgetNotice.create({ data: { budgetId, scopeValue, periodStart, percent } });
    return true;
  } catch {
    return false;
  }
}
