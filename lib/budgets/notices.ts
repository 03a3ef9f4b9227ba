// Budget thresholds (the soft 80%, the hard 100%…): on each evaluator tick, every enabled
// budget's spend this period, per scope value, is compared with its notify percentages. Each
// threshold is announced once per period and value: BudgetNotice's primary key decides who sends.
import { targetsOf } from "../alerts/channels";
import { type DispatchOptions, dispatch } from "../alerts/dispatch";
import { linkConditions, requestsLink } from "../alerts/requests-link";
import { calendarPeriod } from "../calendar";
import type { Db } from "../db/client";
import { claimBudgetNotice, enabledBudgets } from "../db/budgets";
import { budgetFilter } from "./budgets";
import { budgetSpend, percentOf } from "./usage";

export async function announceBudgetThresholds(db: Db, now: Date, options: DispatchOptions): Promise<number> {
  let announced = 0;
  const deliveries: Promise<unknown>[] = [];
  for (const { budget, workspace } of await enabledBudgets(db)) {
    const period = calendarPeriod(budget.period, now, workspace.timeZone);
    for (const [scopeValue, spentNano] of await budgetSpend(workspace.id, budget, period, db)) {
      const percentUsed = Math.floor(percentOf(spentNano, budget.limitNanoUsd));
      const crossed = budget.notifyAtPercent.filter((p) => percentUsed >= p);
      // Claim every crossed threshold; announce only the highest newly claimed one.
      let highest: number | null = null;
      for (const percent of crossed) if (await claimBudgetNotice(budget.id, scopeValue, period.start, percent, db)) highest = percent;
      if (highest === null) continue;
      announced += 1;
      deliveries.push(
        dispatch(
          db,
          {
            workspace,
            kind: "budget",
            budgetId: budget.id,
            groupKey: scopeValue,
            targets: targetsOf(budget.channels),
            notice: {
              type: "budget.threshold",
              source: { kind: "budget", id: budget.id, name: budget.name },
              metric: "spend",
              comparison: "gte",
              value: Number(spentNano) / 1e9,
              threshold: budget.limitUsd,
              percentUsed,
              window: { description: budget.period === "day" ? "today" : "this month", from: period.start.toISOString(), to: period.end.toISOString() },
              group: budget.scope === "workspace" ? null : { by: budget.scope === "property" ? `property:${budget.propertyKey}` : budget.scope, value: scopeValue },
              link: requestsLink(linkConditions(budgetFilter(budget, scopeValue)), { from: period.start, to: now }, options.env),
            },
          },
          options,
        ),
      );
    }
  }
  await Promise.all(deliveries);
  return announced;
}
