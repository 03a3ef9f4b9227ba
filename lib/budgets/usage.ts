// How much of a budget is used in a period, per scope value: for threshold notices, the
// settings page and GET /api/v1/budgets.
import { spendNanoByGroup } from "../analytics/alert-metrics";
import { type Period, calendarPeriod } from "../calendar";
import type { Db } from "../db/client";
import { type Budget, budgetFilter } from "./budgets";

/** Spend per scope value ("" for a workspace budget); a budget for each value lists each one seen. */
export async function budgetSpend(workspaceId: string, budget: Budget, period: Period, db: Db): Promise<Map<string, bigint>> {
  const window = { from: period.start, to: period.end };
  if (budget.scope === "workspace" || budget.scopeValue !== null) {
    const value = budget.scopeValue ?? "";
    const spend = await spendNanoByGroup(workspaceId, window, budgetFilter(budget, value), null, db);
    return new Map([[value, spend.get("") ?? 0n]]);
  }
  const grouping = budget.scope === "property" ? (`property:${budget.propertyKey}` as const) : budget.scope;
  return spendNanoByGroup(workspaceId, window, null, grouping, db, true);
}

export interface BudgetUsage {
  periodStart: Date;
  periodEnd: Date;
  /** The highest spenders (one entry for a single-scope budget), at most 5. */
  spent: { value: string; spentNano: bigint; percent: number }[];
}

const TOP = 5;

export const percentOf = (spentNano: bigint, limitNano: bigint) => Number((spentNano * 10000n) / limitNano) / 100;

export async function budgetUsage(workspaceId: string, timeZone: string, budget: Budget, now: Date, db: Db): Promise<BudgetUsage> {
  const period = calendarPeriod(budget.period, now, timeZone);
  const spend = await budgetSpend(workspaceId, budget, period, db);
  return {
    periodStart: period.start,
    periodEnd: period.end,
    spent: [...spend]
      .sort(([, a], [, b]) => (b > a ? 1 : b < a ? -1 : 0))
      .slice(0, TOP)
      .map(([value, spentNano]) => ({ value, spentNano, percent: percentOf(spentNano, budget.limitNanoUsd) })),
  };
}
