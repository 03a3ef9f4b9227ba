// The Requests view of what a notice is about: the alert's or budget's filter over its window,
// as the link in emails, Slack and webhooks.
import { toSearchParams } from "../analytics/request-query";
import type { Window } from "../analytics/time-range";
import { dashboardUrl } from "./dispatch";
import type { AlertFilter, GroupBy } from "./rules";

interface LinkConditions {
  model?: string;
  userId?: string;
  apiKeyId?: string;
  properties: { key: string; value: string }[];
}

/** A filter, narrowed to one group of a grouped rule (the user, model or property value that fired). */
export function linkConditions(filter: AlertFilter | null, groupBy: GroupBy | null = null, group = ""): LinkConditions {
  const conditions: LinkConditions = { model: filter?.model, userId: filter?.userId, apiKeyId: filter?.apiKeyId, properties: filter?.property ? [filter.property] : [] };
  if (!groupBy || !group) return conditions;
  if (groupBy === "user") return { ...conditions, userId: group };
  if (groupBy === "model") return { ...conditions, model: group };
  return { ...conditions, properties: [...conditions.properties, { key: groupBy.slice("property:".length), value: group }] };
}

export function requestsLink({ properties, ...columns }: LinkConditions, window: Window, env?: Record<string, string | undefined>): string {
  const params = toSearchParams({ from: window.from, to: window.to, ...columns });
  for (const p of properties) params.append(`property.${p.key}`, p.value);
  return `${dashboardUrl(env)}/requests?${params.toString()}`;
}
