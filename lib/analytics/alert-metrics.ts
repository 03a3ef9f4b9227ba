// The value an alert rule watches, per group, over its window: read from the request rows
// (rules filter by API key and model, which the rollups do not keep). Raw SQL in both
// dialects, tested against hand-computed values (tests/integration/analytics/alert-metrics.test.ts).
import type { AlertFilter, GroupBy, Metric } from "../alerts/rules";
import { type Db, db as defaultDb, dialectOf } from "../db/client";
import { NO_USER, NO_VALUE } from "./cost";
import { percentileOf } from "./latency";
import { sql, toBigInt } from "./sql";
import type { Window } from "./time-range";

export interface MetricValue {
  /** "" when the rule has no group-by. */
  group: string;
  value: number;
  requests: number;
}

const AGGREGATES: Record<Exclude<Metric, "latency_p95">, string> = {
  spend: `COALESCE(SUM(r."costNanoUsd"), 0) / 1000000000.0`,
  requests: `COUNT(*)`,
  error_rate: `100.0 * SUM(CASE WHEN r."status" >= 400 THEN 1 ELSE 0 END) / COUNT(*)`,
  tokens: `COALESCE(SUM(COALESCE(r."promptTokens", 0) + COALESCE(r."completionTokens", 0)), 0)`,
};

/** What a value is split by: an alert's group-by, or the API key (per-key budgets). */
export type Grouping = GroupBy | "api_key";

/** `FROM … WHERE …` over the workspace's requests in the window that pass the filter, and the group expression. */
function filteredRequests(q: ReturnType<typeof sql>, workspaceId: string, window: Window, filter: AlertFilter | null, groupBy: Grouping | null, onlyGrouped = false) {
  let join = "";
  let group = `''`;
  if (groupBy === "user") group = `COALESCE(r."userId", '${NO_USER}')`;
  else if (groupBy === "api_key") group = `COALESCE(r."apiKeyId", '')`;
  else if (groupBy === "model") group = `COALESCE(r."modelServed", r."modelRequested")`;
  else if (groupBy) {
    // The join's parameters come first in the text, so they are bound first (SQLite binds by position).
    join = `${onlyGrouped ? "" : "LEFT "}JOIN "RequestProperty" g ON ${q.requestOf("r", "g")} AND g."key" = ${q.param(groupBy.slice("property:".length).toLowerCase())}`;
    group = `COALESCE(g."value", '${NO_VALUE}')`;
  }
  let where = `r."workspaceId" = ${q.param(workspaceId)} AND ${q.within(`r."createdAt"`, window)}`;
  if (onlyGrouped && groupBy === "user") where += ` AND r."userId" IS NOT NULL`;
  if (onlyGrouped && groupBy === "api_key") where += ` AND r."apiKeyId" IS NOT NULL`;
  if (filter?.model) where += ` AND COALESCE(r."modelServed", r."modelRequested") = ${q.param(filter.model)}`;
  if (filter?.userId) where += ` AND r."userId" = ${q.param(filter.userId)}`;
  if (filter?.apiKeyId) where += ` AND r."apiKeyId" = ${q.param(filter.apiKeyId)}`;
  if (filter?.property) {
    where += ` AND ${q.inProperties("r", "IN", "s", `"RequestProperty" s WHERE s."workspaceId" = ${q.param(workspaceId)} AND s."key" = ${q.param(filter.property.key.toLowerCase())} AND s."value" = ${q.param(filter.property.value)}`)}`;
  }
  return { from: `FROM "Request" r ${join} WHERE ${where}`, group };
}

export async function metricByGroup(
  workspaceId: string,
  metric: Metric,
  window: Window,
  filter: AlertFilter | null,
  groupBy: Grouping | null,
  db: Db = defaultDb(),
): Promise<MetricValue[]> {
  const dialect = dialectOf(db);
  const q = sql(dialect);
  const { from, group } = filteredRequests(q, workspaceId, window, filter, groupBy);
  if (metric !== "latency_p95") {
    const rows = await db.$queryRawUnsafe<{ grp: string; value: unknown; n: unknown }[]>(`SELECT ${group} AS grp, ${AGGREGATES[metric]} AS value, COUNT(*) AS n ${from} GROUP BY 1`, ...q.params);
    return rows.map((r) => ({ group: r.grp, value: Number(r.value), requests: Number(r.n) }));
  }
  if (dialect === "postgres") {
    const rows = await db.$queryRawUnsafe<{ grp: string; value: unknown; n: unknown }[]>(
      `SELECT ${group} AS grp, percentile_disc(0.95) WITHIN GROUP (ORDER BY r."latencyMs") AS value, COUNT(*) AS n ${from} GROUP BY 1`,
      ...q.params,
    );
    return rows.map((r) => ({ group: r.grp, value: Number(r.value), requests: Number(r.n) }));
  }
  // SQLite: counts per (group, latency), ranked here as latency.ts does.
  const rows = await db.$queryRawUnsafe<{ grp: string; ms: unknown; n: unknown }[]>(`SELECT ${group} AS grp, r."latencyMs" AS ms, COUNT(*) AS n ${from} GROUP BY 1, 2 ORDER BY 1, 2`, ...q.params);
  const histograms = new Map<string, [number, number][]>();
  for (const r of rows) {
    const histogram = histograms.get(r.grp) ?? [];
    histogram.push([Number(r.ms), Number(r.n)]);
    histograms.set(r.grp, histogram);
  }
  return [...histograms].map(([grp, histogram]) => {
    const requests = histogram.reduce((n, [, count]) => n + count, 0);
    return { group: grp, value: percentileOf(histogram, requests, 95), requests };
  });
}

/**
 * Exact spend in nano-USD per group (budgets count to the nano-dollar). `onlyGrouped` leaves
 * out requests without a user, key or property value, which a per-value budget does not cover.
 */
export async function spendNanoByGroup(workspaceId: string, window: Window, filter: AlertFilter | null, groupBy: Grouping | null, db: Db = defaultDb(), onlyGrouped = false): Promise<Map<string, bigint>> {
  const q = sql(dialectOf(db));
  const { from, group } = filteredRequests(q, workspaceId, window, filter, groupBy, onlyGrouped);
  const rows = await db.$queryRawUnsafe<{ grp: string; spend: unknown }[]>(`SELECT ${group} AS grp, SUM(r."costNanoUsd") AS spend ${from} GROUP BY 1`, ...q.params);
  return new Map(rows.map((r) => [r.grp, toBigInt(r.spend)]));
}
