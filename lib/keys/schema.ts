// A new API key as the settings form describes it: a name, an optional expiry, the models it may
// call, and an optional rate limit and budget of its own.
import { z } from "zod";
import { MAX_BUDGET_USD } from "../budgets/budgets";
import { type FormValues, list, number } from "../settings/forms";

export const newKeySchema = z
  .object({
    name: z.string().trim().min(1, "Name the key").max(100, "Name is at most 100 characters"),
    expiresAt: z.coerce.date("Enter a date").optional(),
    allowedModels: z.array(z.string().trim().min(1).max(200, "A model name is at most 200 characters")).max(50, "At most 50 models").default([]),
    rateLimitPerMinute: z.number("Enter a whole number").int("Enter a whole number").min(1, "At least 1 request a minute").max(1_000_000).optional(),
    budgetUsd: z.number("Enter an amount in USD").positive("The budget must be more than $0").max(MAX_BUDGET_USD).optional(),
    budgetPeriod: z.enum(["day", "month"]).default("month"),
  })
  .refine((k) => !k.expiresAt || k.expiresAt.getTime() > Date.now(), { path: ["expiresAt"], message: "The expiry must be in the future" });
export type NewKeySpec = z.infer<typeof newKeySchema>;

/** The form's fields as the schema's input (a date field gives the end of that day, UTC). */
export function newKeyInputOf(v: FormValues): unknown {
  return {
    name: v.name ?? "",
    expiresAt: v.expiresAt ? `${v.expiresAt}T23:59:59Z` : undefined,
    allowedModels: list(v.allowedModels),
    rateLimitPerMinute: number(v.rateLimitPerMinute),
    budgetUsd: number(v.budgetUsd),
    budgetPeriod: v.budgetPeriod || "month",
  };
}
