// The overview page's numbers: totals for the tiles and spend and outcomes over time, read from
// the rollups (facts.ts). Latency percentiles are in latency.ts.
import { type Db, db as defaultDb, dialectOf } from "../db/client";
import { requestFacts } from "./facts";
import { type Scope, bucketOf, sql, toBigInt } from "./sql";
import type { Granularity, Window } from "./time-range";

export interface OverviewTotals {
  requests: number;
  errors: number;
  spendNano: bigint;
  avgLatencyMs: number | null;
  /** Over streamed requests, the only ones with a first token to time. */
  avgTtftMs: number | null;
  cacheHits: number;
  savedNano: bigint;
}

export async function overviewTotals(scope: Scope, window: Window, db: Db = defaultDb()): Promise<OverviewTotals> {
  const dialect = dialectOf(db);
  const sums = sql(dialect);
  const totals = `SELECT SUM(f.n) AS n, SUM(CASE WHEN f.status >= 400 THEN f.n ELSE 0 END) AS errors, SUM(f.spend) AS spend, SUM(f.lat) AS lat,
    SUM(f.ttft) AS ttft, SUM(f.ttftn) AS ttftn, SUM(CASE WHEN f.hit THEN f.n ELSE 0 END) AS hits, SUM(f.saved) AS saved FROM ${requestFacts(sums, dialect, scope, window)}`;
  const [t] = await db.$queryRawUnsafe<Record<string, unknown>[]>(totals, ...sums.params);
  const n = Number(t?.n ?? 0);
  const ttftn = Number(t?.ttftn ?? 0);
  return {
    requests: n,
    errors: Number(t?.errors ?? 0),
    spendNano: toBigInt(t?.spend),
    avgLatencyMs: n ? Number(t?.lat) / n : null,
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
