// Example alerts and a budget for the demo workspace, so Settings shows what they look like and
// the history fills as the evaluator runs. They notify nobody: no channel is set.
import { alertRuleSchema } from "../../lib/alerts/rules";
import { budgetSchema } from "../../lib/budgets/budgets";
import type { Db } from "../../lib/db/client";
import { createAlertRule } from "../../lib/db/alert-rules";
import { createBudget } from "../../lib/db/budgets";

export async function seedDemoSettings(db: Db, workspaceId: string) {
  await createAlertRule(workspaceId, alertRuleSchema.parse({ name: "Daily spend over $50", metric: "spend", threshold: 50, window: { kind: "calendar_day" } }), db);
  await createAlertRule(workspaceId, alertRuleSchema.parse({ name: "Error rate per model", metric: "error_rate", threshold: 5, window: { kind: "rolling", minutes: 60 }, groupBy: "model", minRequests: 10 }), db);
  await createBudget(workspaceId, budgetSchema.parse({ name: "Monthly spend", scope: "workspace", limitUsd: 5, period: "month", action: "alert", notifyAtPercent: [50, 80, 100] }), db);
}
