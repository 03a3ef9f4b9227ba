// The settings forms' flat fields ↔ the alert and budget specs the API validates, so both paths
// share one schema and the form can show each error on its own field.
import type { z } from "zod";
import type { AlertRule } from "./alerts/rules";
import type { Budget } from "./budgets/budgets";

export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

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

export const valuesOf = (form: FormData): FormValues => Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string").map(([k, v]) => [k, String(v).trim()]));

const number = (value: string | undefined) => (value === undefined || value === "" ? undefined : Number(value));
const text = (value: string | undefined) => (value ? value : undefined);
const list = (value: string | undefined) => (value ?? "").split(/[\s,;]+/).filter(Boolean);

function channelsOf(v: FormValues) {
  return { emails: list(v.emails), slackWebhookUrl: text(v.slackWebhookUrl) ?? null, webhookUrl: text(v.webhookUrl) ?? null };
}

/** Form errors keyed by field name: the first message for each. */
export function fieldErrors(error: z.ZodError, fieldOf: (path: PropertyKey[]) => string): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[fieldOf(issue.path)] ??= issue.message;
  return errors;
}

const CHANNEL_FIELDS: Record<string, string> = { emails: "emails", slackWebhookUrl: "slackWebhookUrl", webhookUrl: "webhookUrl" };

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
  if (head === "channels") return CHANNEL_FIELDS[second ?? ""] ?? "emails";
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
    emails: rule.channels.emails.join(", "),
    slackWebhookUrl: rule.channels.slackWebhookUrl ?? "",
    webhookUrl: rule.channels.webhookUrl ?? "",
  };
}

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
  if (head === "channels") return CHANNEL_FIELDS[second ?? ""] ?? "emails";
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
    emails: budget.channels.emails.join(", "),
    slackWebhookUrl: budget.channels.slackWebhookUrl ?? "",
    webhookUrl: budget.channels.webhookUrl ?? "",
  };
}
