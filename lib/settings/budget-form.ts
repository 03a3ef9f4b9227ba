// The budget form's flat fields ↔ the budget spec the API validates, so both paths share one schema.
import type { Budget } from "../budgets/budgets";
import { channelField, channelValues, channelsOf } from "./channel-fields";
import { type FormValues, list, number, text } from "./forms";

export function budgetInputOf(v: FormValues): unknown {
  return {
    name: v.name ?? "",
    enabled: v.enabled !== "false",
    scope: v.scope,
    scopeValue: text(v.scopeValue) ?? null,
    propertyKey: text(v.propertyKey) ?? null,
    limitUsd: number(v.limitUsd),
    period: v.period,
    action: v.action || "block",
    notifyAtPercent: list(v.notifyAtPercent).map(Number),
    channels: channelsOf(v),
  };
}

export function budgetFieldOf(path: PropertyKey[]): string {
  const [head, second] = path.map(String);
  if (head === "channels") return channelField(second);
  return head ?? "form";
}

export function budgetFormValues(budget: Budget): FormValues {
  return {
    id: budget.id,
    name: budget.name,
    enabled: String(budget.enabled),
    scope: budget.scope,
    scopeValue: budget.scopeValue ?? "",
    propertyKey: budget.propertyKey ?? "",
    limitUsd: String(budget.limitUsd),
    period: budget.period,
    action: budget.action,
    notifyAtPercent: budget.notifyAtPercent.join(", "),
    ...channelValues(budget.channels),
  };
}
