// One line saying what an alert watches, for the settings list: "Spend > $50.00 today, per user".
import { type AlertRule, COMPARISONS, METRIC_LABELS, describeWindow, formatMetricValue } from "./rules";

export function describeCondition(rule: Pick<AlertRule, "metric" | "comparison" | "threshold" | "window" | "filter" | "groupBy" | "minRequests">): string {
  const parts = [`${METRIC_LABELS[rule.metric].name} ${COMPARISONS[rule.comparison]} ${formatMetricValue(rule.metric, rule.threshold)} ${describeWindow(rule.window)}`];
  const f = rule.filter;
  const where = [f?.model && `model ${f.model}`, f?.userId && `user ${f.userId}`, f?.apiKeyId && "one API key", f?.property && `${f.property.key} = ${f.property.value}`].filter(Boolean);
  if (where.length) parts.push(`where ${where.join(" and ")}`);
  if (rule.groupBy) parts.push(`for each ${rule.groupBy.startsWith("property:") ? `${rule.groupBy.slice("property:".length)} value` : rule.groupBy}`);
  if (rule.minRequests > 0) parts.push(`with at least ${rule.minRequests} requests`);
  return parts.join(", ");
}
