import { describe, expect, it } from "vitest";
import { alertRuleColumns, alertRuleFromRow, alertRuleSchema } from "@/lib/alerts/rules";
import { budgetColumns, budgetSchema } from "@/lib/budgets/budgets";

const valid = { name: "Daily spend", metric: "spend", threshold: 50, window: { kind: "calendar_day" }, channels: { emails: ["ops@example.com"], webhookUrl: "https://hooks.example.com/tollgate" } };

const fieldErrors = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("alert rule validation", () => {
  it("accepts the seed's daily spend alert and fills the defaults", () => {
    const spec = alertRuleSchema.parse(valid);
    expect(spec).toMatchObject({ comparison: "gt", enabled: true, minRequests: 0, cooldownMinutes: 15 });
  });

  it("names the field of each mistake", () => {
    const result = alertRuleSchema.safeParse({ ...valid, threshold: -1, window: { kind: "rolling", minutes: 2 }, channels: { emails: ["not-an-email"], slackWebhookUrl: "ftp://x", webhookUrl: "nope" } });
    expect(fieldErrors(result)).toEqual({
      threshold: "The threshold cannot be negative",
      "window.minutes": "A rolling window is at least 5 minutes",
      "channels.emails.0": "Enter a valid email address",
      "channels.slackWebhookUrl": "Enter an http:// or https:// URL",
      "channels.webhookUrl": "Enter an http:// or https:// URL",
    });
    expect(fieldErrors(alertRuleSchema.safeParse({ ...valid, metric: "error_rate", threshold: 140 }))).toEqual({ threshold: "An error rate is a percentage, at most 100" });
    expect(fieldErrors(alertRuleSchema.safeParse({ ...valid, name: "x".repeat(5000) }))).toEqual({ name: "Name is at most 100 characters" });
  });

  it("round-trips through its table columns", () => {
    const spec = alertRuleSchema.parse({ ...valid, groupBy: "property:Workflow", filter: { model: "gpt-4o" }, window: { kind: "rolling", minutes: 60 } });
    const row = { id: "r1", workspaceId: "w", createdAt: new Date(0), updatedAt: new Date(0), ...alertRuleColumns(spec) };
    const { id: _id, createdAt: _c, updatedAt: _u, ...back } = alertRuleFromRow(row);
    expect(back).toEqual(spec);
  });
});

describe("budget validation", () => {
  it("stores the limit exactly in nano-dollars", () => {
    const spec = budgetSchema.parse({ name: "Monthly", scope: "workspace", limitUsd: 1234.56789, period: "month" });
    expect(budgetColumns(spec)).toMatchObject({ limitNanoUsd: 1_234_567_890_000n, scopeValue: null, notifyAtPercent: "[80,100]", action: "block" });
  });

  it("names the field of each mistake", () => {
    expect(fieldErrors(budgetSchema.safeParse({ name: "", scope: "property", limitUsd: -5, period: "week" }))).toEqual({
      name: "Name is required",
      limitUsd: "The limit must be more than $0",
      period: "The period is day or month",
    });
    expect(fieldErrors(budgetSchema.safeParse({ name: "B", scope: "property", limitUsd: 5, period: "day" }))).toEqual({ propertyKey: "A property budget needs the property key" });
    expect(fieldErrors(budgetSchema.safeParse({ name: "B", scope: "workspace", scopeValue: "x", limitUsd: 5, period: "day" }))).toEqual({ scopeValue: "A workspace budget has no scope value" });
    expect(fieldErrors(budgetSchema.safeParse({ name: "B", scope: "user", limitUsd: 5, period: "day", notifyAtPercent: [0, 150] }))).toEqual({
      "notifyAtPercent.0": "Percentages are 1 to 100",
      "notifyAtPercent.1": "Percentages are 1 to 100",
    });
  });
});
