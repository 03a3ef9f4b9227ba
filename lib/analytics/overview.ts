// The overview page's numbers: totals for the tiles and the series behind its charts. Sums read
// the rollups (facts.ts); percentiles read the rows' (workspaceId, createdAt, latencyMs) index
// and are nearest-rank (the value at rank ceil(p·n)) in both dialects, so SQLite and Postgres
// agree to the millisecond (tests/integration/analytics/overview.test.ts).
import { type Db, db as defaultDb, dialectOf } from "../db/client";
import { requestFacts } from "./facts";
import { type Dialect, type Scope, bucketOf, scopeWhere, sql, toBigInt } from "./sql";
import type { Granularity, Window } from "./time-range";

export interface OverviewTotals {
  requests: number;
  errors: number;
  spendNano: bigint;
  avgLatencyMs: number | null;
  p95LatencyMs: number | null;
  /** Over streamed requests, the only ones with a first token to time. */
  avgTtftMs: number | null;
  cacheHits: number;
  savedNano: bigint;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Latency percentiles per group (or overall when `group` is null), nearest-rank. */
function percentileQuery(dialect: Dialect, group: string | null, from: string, percents: number[]): string {
  const select = group ? `${group} AS bucket, ` : "";
  const groupBy = group ? " GROUP BY 1" : "";
  if (dialect === "postgres") {
    return `SELECT ${select}${percents.map((p) => `percentile_disc(${p / 100}) WITHIN GROUP (ORDER BY r."latencyMs") AS p${p}`).join(", ")} ${from}${groupBy}`;
  }
  const partition = group ? `PARTITION BY ${group} ` : "";
  const ranked = `SELECT ${select}r."latencyMs" AS lat, ROW_NUMBER() OVER (${partition}ORDER BY r."latencyMs") AS rn, COUNT(*) OVER (${group ? `PARTITION BY ${group}` : ""}) AS n ${from}`;
  return `SELECT ${group ? "bucket, " : ""}${percents.map((p) => `MAX(CASE WHEN rn = (n * ${p} + 99) / 100 THEN lat END) AS p${p}`).join(", ")} FROM (${ranked}) ranked${group ? " GROUP BY bucket" : ""}`;
}

function requestsIn(q: ReturnType<typeof sql>, scope: Scope, window: Window) {
  return `FROM "Request" r WHERE ${scopeWhere(q, scope)} AND ${q.within(`r."createdAt"`, window)}`;
}

export async function overviewTotals(scope: Scope, window: Window, db: Db = defaultDb()): Promise<OverviewTotals> {
  const dialect = dialectOf(db);
  const sums = sql(dialect);
  const totals = `SELECT SUM(f.n) AS n, SUM(CASE WHEN f.status >= 400 THEN f.n ELSE 0 END) AS errors, SUM(f.spend) AS spend, SUM(f.lat) AS lat,
    SUM(f.ttft) AS ttft, SUM(f.ttftn) AS ttftn, SUM(CASE WHEN f.hit THEN f.n ELSE 0 END) AS hits, SUM(f.saved) AS saved FROM ${requestFacts(sums, dialect, scope, window)}`;
  const rows = sql(dialect);
  const [[t], [p]] = await Promise.all([
    db.$queryRawUnsafe<Record<string, unknown>[]>(totals, ...sums.params),
    db.$queryRawUnsafe<{ p95: unknown }[]>(percentileQuery(dialect, null, requestsIn(rows, scope, window), [95]), ...rows.params),
  ]);
  const n = Number(t?.n ?? 0);
  const ttftn = Number(t?.ttftn ?? 0);
  return {
    requests: n,
    errors: Number(t?.errors ?? 0),
    spendNano: toBigInt(t?.spend),
    avgLatencyMs: n ? Number(t?.lat) / n : null,
    p95LatencyMs: num(p?.p95),
    avgTtftMs: ttftn ? Number(t?.ttft) / ttftn : null,
    cacheHits: Number(t?.hits ?? 0),
    savedNano: toBigInt(t?.saved),
  };
}

export const STATUS_CLASSES = ["success", "rate limited", "client error", "server error"] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

export interface ActivityPoint {
  bucket: string;
  spendNano: bigint;
  /** Requests by outcome: 2xx/3xx, 429, other 4xx, 5xx. */
  byStatus: Record<StatusClass, number>;
}

/** Spend and requests by outcome per bucket, in one pass. */
export async function activitySeries(scope: Scope, window: Window, granularity: Granularity, db: Db = defaultDb()): Promise<ActivityPoint[]> {
  const dialect = dialectOf(db);
  const q = sql(dialect);
  const statusClass = `CASE WHEN f.status < 400 THEN 'success' WHEN f.status = 429 THEN 'rate limited' WHEN f.status < 500 THEN 'client error' ELSE 'server error' END`;
  const text = `SELECT ${bucketOf(dialect, granularity, "f.t")} AS bucket, ${statusClass} AS cls, SUM(f.n) AS n, SUM(f.spend) AS spend FROM ${requestFacts(q, dialect, scope, window)} GROUP BY 1, 2 ORDER BY 1`;
  const rows = await db.$queryRawUnsafe<{ bucket: string; cls: StatusClass; n: unknown; spend: unknown }[]>(text, ...q.params);
  const points = new Map<string, ActivityPoint>();
  for (const r of rows) {
    const bucket = String(r.bucket);
    const point = points.get(bucket) ?? { bucket, spendNano: 0n, byStatus: { success: 0, "rate limited": 0, "client error": 0, "server error": 0 } };
    point.spendNano += toBigInt(r.spend);
    point.byStatus[r.cls] += Number(r.n);
    points.set(bucket, point);
  }
  return [...points.values()];
}

export interface LatencyPoint {
  bucket: string;
  p50: number;
  p95: number;
}

export async function latencySeries(scope: Scope, window: Window, granularity: Granularity, db: Db = defaultDb()): Promise<LatencyPoint[]> {
  const dialect = dialectOf(db);
  const q = sql(dialect);
  const text = percentileQuery(dialect, bucketOf(dialect, granularity, `r."createdAt"`), requestsIn(q, scope, window), [50, 95]);
  const rows = await db.$queryRawUnsafe<{ bucket: string; p50: unknown; p95: unknown }[]>(text, ...q.params);
  return rows.map((r) => ({ bucket: String(r.bucket), p50: Number(r.p50), p95: Number(r.p95) })).sort((a, b) => a.bucket.localeCompare(b.bucket));
}
