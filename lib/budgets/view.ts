// A budget as the API and the settings page show it: the limit in dollars and this period's use.
import { findWorkspaceForNotices } from "../db/accounts";
import { type Db, db as defaultDb } from "../db/client";
import type { Budget } from "./budgets";
import { budgetUsage } from "./usage";

export async function budgetView(workspaceId: string, budget: Budget, now = new Date(), db: Db = defaultDb()) {
  const workspace = await findWorkspaceForNotices(workspaceId, db);
  const usage = await budgetUsage(workspaceId, workspace?.timeZone ?? "UTC", budget, now, db);
  const { limitNanoUsd: _nano, ...rest } = budget;
  return {
    ...rest,
    currentPeriod: {
      start: usage.periodStart,
      end: usage.periodEnd,
      spent: usage.spent.map((s) => ({ scopeValue: s.value, spentUsd: Number(s.spentNano) / 1e9, percent: s.percent })),
    },
  };
}
export type BudgetView = Awaited<ReturnType<typeof budgetView>>;
