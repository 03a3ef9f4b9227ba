// What an alert rule is, validated once for the API, the settings forms and the evaluator.
// Stored flat in AlertRule (JSON columns for the filter and channels); used as AlertRuleSpec.
import { z } from "zod";
import { formatDollars } from "../format";

export const METRICS = ["spend", "requests", "error_rate", "latency_p95", "tokens"] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_LABELS: Record<Metric, { name: string; unit: string }> = {
  spend: { name: "Spend", unit: "USD" },
  requests: { name: "Requests", unit: "requests" },
  error_rate: { name: "Error rate", unit: "%" },
  latency_p95: { name: "p95 latency", unit: "ms" },
  tokens: { name: "Tokens", unit: "tokens" },
};

export const COMPARISONS = { gt: ">", gte: "≥", lt: "<", lte: "≤" } as const;
export type Comparison = keyof typeof COMPARISONS;

export const compare = (value: number, comparison: Comparison, threshold: number) =>
  comparison === "gt" ? value > threshold : comparison === "gte" ? value >= threshold : comparison === "lt" ? value < threshold : value <= threshold;

const MIN_WINDOW_MINUTES = 5;
const MAX_WINDOW_MINUTES = 30 * 24 * 60;

export const windowSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("rolling"),
    minutes: z.number().int().min(MIN_WINDOW_MINUTES, "A rolling window is at least 5 minutes").max(MAX_WINDOW_MINUTES, "A rolling window is at most 30 days"),
  }),
  z.object({ kind: z.literal("calendar_day") }),
  z.object({ kind: z.literal("calendar_month") }),
]);
export type AlertWindow = z.infer<typeof windowSchema>;

const shortText = (what: string, max = 200) => z.string().trim().min(1, `${what} is required`).max(max, `${what} is at most ${max} characters`);

/** An http(s) URL; whether its host may be reached is checked when delivering (lib/alerts/safe-fetch.ts). */
export const httpUrlSchema = z
  .string()
  .trim()
  .max(2000, "The URL is at most 2000 characters")
  .pipe(z.url({ protocol: /^https?$/, message: "Enter an http:// or https:// URL" }));

export const channelsSchema = z.object({
  emails: z.array(z.email("Enter a valid email address")).max(20, "At most 20 addresses").default([]),
  slackWebhookUrl: httpUrlSchema.nullish(),
  webhookUrl: httpUrlSchema.nullish(),
});
export type Channels = z.infer<typeof channelsSchema>;

export const filterSchema = z.object({
  model: shortText("Model").optional(),
  userId: shortText("User").optional(),
  apiKeyId: shortText("API key").optional(),
  property: z.object({ key: shortText("Property key", 100), value: shortText("Property value") }).optional(),
});
export type AlertFilter = z.infer<typeof filterSchema>;

/** user, model, or property:<key>; absent means one state for the whole rule. */
export const groupBySchema = z.union([z.enum(["user", "model"]), z.string().regex(/^property:[^\s].{0,99}$/, "Group by user, model or property:<key>")]);
export type GroupBy = z.infer<typeof groupBySchema>;

export const alertRuleSchema = z
  .object({
    name: shortText("Name", 100),
    enabled: z.boolean().default(true),
    metric: z.enum(METRICS, "Pick a metric: spend, requests, error_rate, latency_p95 or tokens"),
    comparison: z.enum(["gt", "gte", "lt", "lte"]).default("gt"),
    threshold: z.number("The threshold must be a number").finite().min(0, "The threshold cannot be negative"),
    window: windowSchema,
    filter: filterSchema.nullish(),
    groupBy: groupBySchema.nullish(),
    minRequests: z.number().int().min(0, "The minimum request count cannot be negative").max(1_000_000).default(0),
    cooldownMinutes: z.number().int().min(0).max(24 * 60, "The cooldown is at most a day").default(15),
    channels: channelsSchema.default({ emails: [] }),
  })
  .refine((rule) => rule.metric !== "error_rate" || rule.threshold <= 100, { path: ["threshold"], message: "An error rate is a percentage, at most 100" });
export type AlertRuleSpec = z.infer<typeof alertRuleSchema>;

/** The columns of AlertRule for a validated spec. */
export function alertRuleColumns(spec: AlertRuleSpec) {
  return {
    name: spec.name,
    enabled: spec.enabled,
    metric: spec.metric,
    comparison: spec.comparison,
    threshold: spec.threshold,
    windowKind: spec.window.kind,
    windowMinutes: spec.window.kind === "rolling" ? spec.window.minutes : null,
    filter: spec.filter && Object.keys(spec.filter).length ? JSON.stringify(spec.filter) : null,
    groupBy: spec.groupBy ?? null,
    minRequests: spec.minRequests,
    cooldownMinutes: spec.cooldownMinutes,
    channels: JSON.stringify(spec.channels),
  };
}

export interface AlertRuleRow {
  id: string;
  workspaceId: string;
  name: string;
  enabled: boolean;
  metric: string;
  comparison: string;
  threshold: number;
  windowKind: string;
  windowMinutes: number | null;
  filter: string | null;
  groupBy: string | null;
  minRequests: number;
  cooldownMinutes: number;
  channels: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A stored rule as the API shows it and the evaluator reads it. */
export function alertRuleFromRow(row: AlertRuleRow) {
  const window: AlertWindow = row.windowKind === "rolling" ? { kind: "rolling", minutes: row.windowMinutes ?? 60 } : { kind: row.windowKind as "calendar_day" | "calendar_month" };
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    metric: row.metric as Metric,
    comparison: row.comparison as Comparison,
    threshold: row.threshold,
    window,
    filter: row.filter ? filterSchema.parse(JSON.parse(row.filter)) : null,
    groupBy: (row.groupBy as GroupBy | null) ?? null,
    minRequests: row.minRequests,
    cooldownMinutes: row.cooldownMinutes,
    channels: channelsSchema.parse(JSON.parse(row.channels)),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type AlertRule = ReturnType<typeof alertRuleFromRow>;

export function describeWindow(window: AlertWindow): string {
  if (window.kind === "calendar_day") return "today";
  if (window.kind === "calendar_month") return "this month";
  const m = window.minutes;
  if (m % 1440 === 0) return `the last ${m / 1440 === 1 ? "day" : `${m / 1440} days`}`;
  if (m % 60 === 0) return `the last ${m / 60 === 1 ? "hour" : `${m / 60} hours`}`;
  return `the last ${m} minutes`;
}

export function formatMetricValue(metric: Metric, value: number): string {
  if (metric === "spend") return formatDollars(value);
  if (metric === "error_rate") return `${value.toFixed(1)}%`;
  if (metric === "latency_p95") return `${Math.round(value)} ms`;
  return Math.round(value).toLocaleString("en-US");
}

/** Slack and webhook URLs often carry a token: readers who cannot manage settings see only the host. */
export const maskUrl = (url: string) => {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return "…";
  }
};

export function maskedChannels(channels: Channels): Channels {
  return { ...channels, slackWebhookUrl: channels.slackWebhookUrl && maskUrl(channels.slackWebhookUrl), webhookUrl: channels.webhookUrl && maskUrl(channels.webhookUrl) };
}
