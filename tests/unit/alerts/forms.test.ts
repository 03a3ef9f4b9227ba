import { describe, expect, it } from "vitest";
import { alertRuleFromRow, alertRuleColumns, alertRuleSchema } from "@/lib/alerts/rules";
import { budgetFromRow, budgetColumns, budgetSchema } from "@/lib/budgets/budgets";
import { alertFieldOf, alertFormValues, alertInputOf } from "@/lib/settings/alert-form";
import { budgetFieldOf, budgetFormValues, budgetInputOf } from "@/lib/settings/budget-form";
import { fieldErrors } from "@/lib/settings/forms";

const stored = <T extends object>(columns: T) => ({ id: "x1", workspaceId: "w", createdAt: new Date(0), updatedAt: new Date(0), ...columns });

describe("the alert form", () => {
  it("turns the form's fields into the API's spec, and a stored rule back into the same fields", () => {
    const form = { name: "Daily spend", metric: "spend", comparison: "gt", threshold: "50", window: "calendar_day", groupBy: "user", minRequests: "3", cooldownMinutes: "10", filterPropertyKey: "Workflow", filterPropertyValue: "research-agent", emails: "a@example.com, b@example.com", slackWebhookUrl: "", webhookUrl: "https://example.com/hook" };
    const spec = alertRuleSchema.parse(alertInputOf(form));
    expect(spec).toMatchObject({ threshold: 50, window: { kind: "calendar_day" }, groupBy: "user", minRequests: 3, filter: { property: { key: "Workflow", value: "research-agent" } }, channels: { emails: ["a@example.com", "b@example.com"], slackWebhookUrl: null } });
    const values = alertFormValues(alertRuleFromRow(stored(alertRuleColumns(spec))));
    expect(alertRuleSchema.parse(alertInputOf(values))).toEqual(spec);
  });

  it("puts each error on the field that caused it", () => {
    const result = alertRuleSchema.safeParse(alertInputOf({ name: "", metric: "spend", threshold: "lots", window: "2", filterPropertyValue: "x", emails: "ok@example.com nope", slackWebhookUrl: "slack" }));
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!, alertFieldOf)).toEqual({
      name: "Name is required",
      threshold: "The threshold must be a number",
      window: "A rolling window is at least 5 minutes",
      filterPropertyKey: "Property key is required",
      emails: "Enter a valid email address",
      slackWebhookUrl: "Enter an http:// or https:// URL",
    });
  });
});

describe("the budget form", () => {
  it("round-trips a per-user budget with its notify percentages", () => {
    const spec = budgetSchema.parse(budgetInputOf({ name: "Per user", scope: "user", scopeValue: "", limitUsd: "2.5", period: "day", action: "block", notifyAtPercent: "50 80, 100", emails: "" }));
    expect(spec).toMatchObject({ scopeValue: null, limitUsd: 2.5, notifyAtPercent: [50, 80, 100] });
    expect(budgetSchema.parse(budgetInputOf(budgetFormValues(budgetFromRow(stored(budgetColumns(spec))))))).toEqual(spec);
  });

  it("puts each error on its field", () => {
    const result = budgetSchema.safeParse(budgetInputOf({ name: "B", scope: "workspace", limitUsd: "", period: "day", webhookUrl: "not a url" }));
    expect(fieldErrors(result.error!, budgetFieldOf)).toEqual({ limitUsd: "The limit must be a number", webhookUrl: "Enter an http:// or https:// URL" });
  });
});
