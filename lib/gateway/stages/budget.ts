// Stage: hard budgets. Every blocking budget the request falls in (workspace, its API key, its
// user, a property value) must have room for the most the call can cost, which is reserved
// before the call and settled to the real cost after it (stages/log.ts). So concurrent calls,
// on any number of replicas sharing Redis, never spend past a budget.
import { calendarPeriod } from "../../calendar";
import { type Budget, budgetFilter } from "../../budgets/budgets";
import type { BudgetCharge } from "../../budgets/store";
import { formatUsd } from "../../format";
import type { GatewayContext } from "../context";
import type { GatewayDeps } from "../deps";
import { GatewayError } from "../errors";
import { maxCostNano } from "../max-cost";
import { scopeValueOf } from "../scope-value";

/** Totals outlive their period by a day, so late settlements still find them. */
const GRACE_MS = 24 * 60 * 60_000;

interface Applicable {
  budget: Budget;
  value: string;
  period: { start: Date; end: Date };
  charge: BudgetCharge;
}

function unavailable(): GatewayError {
  return new GatewayError(503, "Tollgate cannot check budgets right now: its shared state is unreachable. Retry shortly.", "api_error", "budget_store_unavailable", null, { "retry-after": "1" });
}

export async function enforceBudgets(ctx: GatewayContext, deps: GatewayDeps): Promise<void> {
  let settings;
  try {
    settings = await deps.budgets.get(ctx.workspaceId!);
  } catch {
    throw unavailable();
  }
  const now = ctx.createdAt;
  const applicable: Applicable[] = [];
  for (const budget of settings.budgets) {
    const value = scopeValueOf(ctx, budget);
    if (value === null) continue;
    const amount = await maxCostNano(ctx, deps);
    const period = calendarPeriod(budget.period, now, settings.timeZone);
    const charge = { key: `${budget.id}:${value}:${period.start.getTime()}`, limitNano: Number(budget.limitNanoUsd), amountNano: amount, ttlMs: period.end.getTime() - now.getTime() + GRACE_MS };
    applicable.push({ budget, value, period, charge });
  }
  if (applicable.length === 0) return;

  const charges = applicable.map((a) => a.charge);
  let result;
  try {
    result = await deps.budgetTotals.reserve(charges);
    for (let round = 0; result.outcome === "unknown" && round < 3; round++) {
      for (const i of result.indexes) {
        const { budget, value, period } = applicable[i]!;
        const spent = await deps.budgetSpend(ctx.workspaceId!, { from: period.start, to: period.end }, budgetFilter(budget, value));
        await deps.budgetTotals.seed(charges[i]!.key, Number(spent), charges[i]!.ttlMs);
      }
      result = await deps.budgetTotals.reserve(charges);
    }
  } catch {
    throw unavailable();
  }
  if (result.outcome === "unknown") throw unavailable();
  if (result.outcome === "reserved") {
    ctx.budgetReservations = charges.map((c) => ({ key: c.key, amountNano: c.amountNano }));
    return;
  }
  const { budget, period } = applicable[result.index]!;
  const retryAfter = Math.max(1, Math.ceil((period.end.getTime() - now.getTime()) / 1000));
  const spent = formatUsd(BigInt(Math.round(result.spentNano)));
  throw new GatewayError(
    429,
    `Budget "${budget.name}" has no room for this request: ${spent} of ${formatUsd(budget.limitNanoUsd)} used this ${budget.period}, and this request could cost up to ${formatUsd(BigInt(charges[result.index]!.amountNano))}. It resets at ${period.end.toISOString()}.`,
    "budget_exceeded",
    "budget_exceeded",
    null,
    { "retry-after": String(retryAfter), "x-helicone-error": "budget_exceeded" },
  );
}

/** After the call: each reservation becomes the call's real cost. */
export async function settleBudgets(ctx: GatewayContext, deps: GatewayDeps, costNano: bigint | null) {
  for (const r of ctx.budgetReservations ?? []) {
    await deps.budgetTotals.adjust(r.key, Number(costNano ?? 0n) - r.amountNano).catch(() => {});
  }
}
