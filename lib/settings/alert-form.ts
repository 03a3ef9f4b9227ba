// The alert form's flat fields ↔ the alert spec the API validates, so both paths share one schema.
import type { AlertRule } from "../alerts/rules";
import { channelField, channelValues, channelsOf } from "./channel-fields";
import { type FormValues, number, text } from "./forms";

/** Window choices of the alert form; a stored rolling window of another length is added when editing. */
export const WINDOW_CHOICES = [
  { value: "5", label: "Last 5 minutes" },
  { value: "15", label: "Last 15 minutes" },
  { value: "60", label: "Last hour" },
  { value: "360", label: "Last 6 hours" },
  { value: "1440", label: "Last 24 hours" },
  { value: "10080", label: "Last 7 days" },
  { value: "43200", label: "Last 30 days" },
  { value: "calendar_day", label: "Today (calendar day)" },
  { value: "calendar_month", label: "This month (calendar month)" },
];

export function alertInputOf(v: FormValues): unknown {
  const window = v.window === "calendar_day" || v.window === "calendar_month" ? { kind: v.window } : { kind: "rolling", minutes: number(v.window) };
  const property = v.filterPropertyKey || v.filterPropertyValue ? { key: v.filterPropertyKey ?? "", value: v.filterPropertyValue ?? "" } : undefined;
  const filter = { model: text(v.filterModel), userId: text(v.filterUser), apiKeyId: text(v.filterApiKey), property };
  return {
    name: v.name ?? "",
    enabled: v.enabled !== "false",
    metric: v.metric,
    comparison: v.comparison || "gt",
    threshold: number(v.threshold),
    window,
    filter: Object.values(filter).some((x) => x !== undefined) ? filter : null,
    groupBy: text(v.groupBy) ?? null,
    minRequests: number(v.minRequests) ?? 0,
    cooldownMinutes: number(v.cooldownMinutes) ?? 15,
    channels: channelsOf(v),
  };
}

export function alertFieldOf(path: PropertyKey[]): string {
  const [head, second, third] = path.map(String);
  if (head === "window") return "window";
  if (head === "filter") return second === "property" ? (third === "value" ? "filterPropertyValue" : "filterPropertyKey") : `filter${second === "userId" ? "User" : second === "apiKeyId" ? "ApiKey" : "Model"}`;
  if (head === "channels") return channelField(second);
  return head ?? "form";
}

export function alertFormValues(rule: AlertRule): FormValues {
  return {
    id: rule.id,
    name: rule.name,
    enabled: String(rule.enabled),
    metric: rule.metric,
    comparison: rule.comparison,
    threshold: String(rule.threshold),
    window: rule.window.kind === "rolling" ? String(rule.window.minutes) : rule.window.kind,
    filterModel: rule.filter?.model ?? "",
    filterUser: rule.filter?.userId ?? "",
    filterApiKey: rule.filter?.apiKeyId ?? "",
    filterPropertyKey: rule.filter?.property?.key ?? "",
    filterPropertyValue: rule.filter?.property?.value ?? "",
    groupBy: rule.groupBy ?? "",
    minRequests: String(rule.minRequests),
    cooldownMinutes: String(rule.cooldownMinutes),
    ...channelValues(rule.channels),
  };
}
