// What a budget is, validated once for the API and the settings form; stored in Budget.
import { z } from "zod";
import { type AlertFilter, channelsSchema } from "../alerts/rules";

export const BUDGET_SCOPES = ["workspace", "api_key", "user", "property"] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];

/** Large enough for any team, small enough that nano-USD sums stay exact as doubles (< 2^53). */
export const MAX_BUDGET_USD = 1_000_000;
const NANO_PER_USD = 1_000_000_000;

export const budgetSchema = z
  .object({
    name: z.string().trim().min(1, "Name is required").max(100, "Name is at most 100 characters"),
    enabled: z.boolean().default(true),
    scope: z.enum(BUDGET_SCOPES, "Scope is workspace, api_key, user or property"),
    /** The key id, user or property value limited; absent gives each one its own budget. */
    scopeValue: z.string().trim().min(1).max(500).nullish(),
    propertyKey: z.string().trim().min(1).max(100).nullish(),
    limitUsd: z.number("The limit must be a number").finite().positive("The limit must be more than $0").max(MAX_BUDGET_USD, `The limit is at most $${MAX_BUDGET_USD.toLocaleString("en-US")}`),
    period: z.enum(["day", "month"], "The period is day or month"),
    /** block refuses calls once spent; alert only notifies. */
    action: z.enum(["block", "alert"]).default("block"),
    notifyAtPercent: z.array(z.number().int().min(1, "Percentages are 1 to 100").max(100, "Percentages are 1 to 100")).max(10).default([80, 100]),
    channels: channelsSchema.default({ emails: [] }),
  })
  .superRefine((b, ctx) => {
    if (b.scope === "property" && !b.propertyKey) ctx.addIssue({ code: "custom", path: ["propertyKey"], message: "A property budget needs the property key" });
    if (b.scope === "workspace" && b.scopeValue) ctx.addIssue({ code: "custom", path: ["scopeValue"], message: "A workspace budget has no scope value" });
  });
export type BudgetSpec = z.infer<typeof budgetSchema>;

export function budgetColumns(spec: BudgetSpec) {
  return {
    name: spec.name,
    enabled: spec.enabled,
    scope: spec.scope,
    scopeValue: spec.scope === "workspace" ? null : (spec.scopeValue ?? null),
    propertyKey: spec.scope === "property" ? spec.propertyKey!.toLowerCase() : null,
    limitNanoUsd: BigInt(Math.round(spec.limitUsd * NANO_PER_USD)),
    period: spec.period,
    action: spec.action,
    notifyAtPercent: JSON.stringify([...new Set(spec.notifyAtPercent)].sort((a, b) => a - b)),
    channels: JSON.stringify(spec.channels),
  };
}

export interface BudgetRow {
  id: string;
  name: string;
  enabled: boolean;
  scope: string;
  scopeValue: string | null;
  propertyKey: string | null;
  limitNanoUsd: bigint;
  period: string;
  action: string;
  notifyAtPercent: string;
  channels: string;
  createdAt: Date;
  updatedAt: Date;
}

export function budgetFromRow(row: BudgetRow) {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    scope: row.scope as BudgetScope,
    scopeValue: row.scopeValue,
    propertyKey: row.propertyKey,
    limitNanoUsd: row.limitNanoUsd,
    limitUsd: Number(row.limitNanoUsd) / NANO_PER_USD,
    period: row.period as "day" | "month",
    action: row.action as "block" | "alert",
    notifyAtPercent: z.array(z.number()).parse(JSON.parse(row.notifyAtPercent)),
    channels: channelsSchema.parse(JSON.parse(row.channels)),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type Budget = ReturnType<typeof budgetFromRow>;

/** The spec of a stored budget, for PATCH: the stored fields with the changes laid over them. */
export const budgetSpecOf = (b: Budget): BudgetSpec => ({
  name: b.name,
  enabled: b.enabled,
  scope: b.scope,
  scopeValue: b.scopeValue,
  propertyKey: b.propertyKey,
  limitUsd: b.limitUsd,
  period: b.period,
  action: b.action,
  notifyAtPercent: b.notifyAtPercent,
  channels: b.channels,
});

export function describeScope(b: Pick<Budget, "scope" | "scopeValue" | "propertyKey">): string {
  if (b.scope === "workspace") return "the whole workspace";
  const what = b.scope === "api_key" ? "API key" : b.scope === "user" ? "user" : `${b.propertyKey} value`;
  return b.scopeValue ? `${what} ${b.scopeValue}` : `each ${what} separately`;
}

/** The requests one scope value of a budget covers, as the log is filtered to sum its spend. */
export function budgetFilter(budget: Pick<Budget, "scope" | "propertyKey">, value: string): AlertFilter | null {
  if (budget.scope === "api_key") return { apiKeyId: value };
  if (budget.scope === "user") return { userId: value };
  if (budget.scope === "property") return { property: { key: budget.propertyKey!, value } };
  return null;
}
