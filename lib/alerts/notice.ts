// What a notification says, built once per event and rendered by each channel: the webhook
// sends it as JSON, Slack and email turn its headline and facts into text.
import { COMPARISONS, type Comparison, METRIC_LABELS, type Metric, formatMetricValue } from "./rules";

export type NoticeType = "alert.fired" | "alert.resolved" | "alert.test" | "budget.threshold";

export interface Notice {
  type: NoticeType;
  /** The AlertEvent id: receivers can de-duplicate on it. */
  id: string;
  workspace: { id: string; name: string };
  source: { kind: "alert" | "budget"; id: string | null; name: string };
  metric: Metric;
  comparison: Comparison;
  value: number;
  threshold: number;
  window: { description: string; from: string; to: string };
  /** The group this state belongs to (user alice, model gpt-4o…); null for a whole-rule alert. */
  group: { by: string; value: string } | null;
  /** Budgets: the share of the limit used, in percent. */
  percentUsed?: number;
  /** The Requests view filtered to what the notice is about. */
  link: string;
  createdAt: string;
}

/** How far past the threshold the value is, e.g. "$12.10 (24%) over". */
function overshoot(n: Notice): string {
  const by = Math.abs(n.value - n.threshold);
  const relative = n.threshold > 0 ? ` (${Math.round((by / n.threshold) * 100)}%)` : "";
  const side = n.comparison === "gt" || n.comparison === "gte" ? "over" : "under";
  return `${formatMetricValue(n.metric, by)}${relative} ${side} the threshold`;
}

export function headline(n: Notice): string {
  const metric = METRIC_LABELS[n.metric].name;
  const value = formatMetricValue(n.metric, n.value);
  const threshold = `${COMPARISONS[n.comparison]} ${formatMetricValue(n.metric, n.threshold)}`;
  const group = n.group ? ` for ${n.group.by} ${n.group.value}` : "";
  switch (n.type) {
    case "alert.fired":
      return `${n.source.name}: ${metric} ${value}${group} over ${n.window.description}, threshold ${threshold}`;
    case "alert.resolved":
      return `Resolved: ${n.source.name}: ${metric} back to ${value}${group} (threshold ${threshold})`;
    case "alert.test":
      return `Test notification from Tollgate for "${n.source.name}"`;
    case "budget.threshold":
      return `Budget ${n.source.name}${group}: ${n.percentUsed}% used, ${value} of ${formatMetricValue("spend", n.threshold)} ${n.window.description}`;
  }
}

/** Label/value lines shown under the headline in Slack and email. */
export function facts(n: Notice): [string, string][] {
  const lines: [string, string][] = [
    ["Workspace", n.workspace.name],
    [METRIC_LABELS[n.metric].name, formatMetricValue(n.metric, n.value)],
    ["Threshold", `${COMPARISONS[n.comparison]} ${formatMetricValue(n.metric, n.threshold)}`],
  ];
  if (n.type === "alert.fired") lines.push(["By how much", overshoot(n)]);
  lines.push(["Window", `${n.window.description} (${n.window.from} → ${n.window.to})`]);
  if (n.group) lines.push(["Group", `${n.group.by} = ${n.group.value}`]);
  return lines;
}
