// Latency percentiles, nearest-rank (the value at rank ceil(p·n)), per time bucket and over the
// whole window. A whole workspace's are read from the hourly latency histograms (LatencyRollup),
// so no range is too long: within ±2% (LATENCY_ERROR), and the page says so. A narrower scope
// ranks its rows exactly, from the (workspaceId, createdAt, userId, latencyMs, …) index:
// Postgres with percentile_disc; SQLite counts requests per (bucket, latency in ms) and the
// ranks are walked here. Tested on both databases (tests/integration/analytics).
import { type Db, db as defaultDb, dialectOf } from "../db/client";
import { LATENCY_ERROR, bucketLatency } from "../db/latency-buckets";
import { latencyFacts } from "./facts";
import { type Scope, bucketOf, isWholeWorkspace, scopeOf, scopeWhere, sql } from "./sql";
import type { Granularity, Window } from "./time-range";

export interface LatencyPoint {
  bucket: string;
  p50: number;
  p95: number;
}

export interface LatencyPercentiles {
  /** Over the whole window; null when it has no requests. */
  overall: { p50: number; p95: number } | null;
  series: LatencyPoint[];
  /** The relative error bound when read from the histograms; 0 when exact. */
  error: number;
}

type Histogram = [latencyMs: number, count: number][];

/** The nearest-rank percentile of a histogram sorted by latency. */
export function percentileOf(histogram: Histogram, total: number, percent: number): number {
  const rank = Math.ceil((percent / 100) * total);
  let seen = 0;
  for (const [latency, count] of histogram) {
    seen += count;
    if (seen >= rank) return latency;
  }
  return histogram.at(-1)?.[0] ?? 0;
}

const summarise = (histogram: Histogram) => {
  const total = histogram.reduce((n, [, count]) => n + count, 0);
  return { p50: percentileOf(histogram, total, 50), p95: percentileOf(histogram, total, 95) };
};

export async function latencyPercentiles(scope: Scope, window: Window, granularity: Granularity, db: Db = defaultDb()): Promise<LatencyPercentiles> {
  if (isWholeWorkspace(scope)) return percentilesFromHistograms(scopeOf(scope).workspaceId, window, granularity, db);
  return dialectOf(db) === "postgres" ? percentilesInPostgres(scope, window, granularity, db) : percentilesFromCounts(scope, window, granularity, db);
}

/** Histograms per (bucket, latency) → the percentiles of each bucket and of the whole window. */
function fromHistograms(rows: { bucket: string; latency: number; count: number }[]): Omit<LatencyPercentiles, "error"> {
  const byBucket = new Map<string, Histogram>();
  const overall = new Map<number, number>();
  for (const { bucket, latency, count } of rows) {
    const histogram = byBucket.get(bucket);
    if (histogram) histogram.push([latency, count]);
    else byBucket.set(bucket, [[latency, count]]);
    overall.set(latency, (overall.get(latency) ?? 0) + count);
  }
  const sorted = (h: Histogram) => h.sort((a, b) => a[0] - b[0]);
  return {
    overall: overall.size ? summarise(sorted([...overall.entries()])) : null,
    series: [...byBucket.entries()].map(([bucket, h]) => ({ bucket, ...summarise(sorted(h)) })).sort((a, b) => a.bucket.localeCompare(b.bucket)),
  };
}

/** A whole workspace: counts per logarithmic bucket, from the rollups and the edge rows. */
async function percentilesFromHistograms(workspaceId: string, window: Window, granularity: Granularity, db: Db): Promise<LatencyPercentiles> {
  const dialect = dialectOf(db);
  const q = sql(dialect);
  const text = `SELECT ${bucketOf(dialect, granularity, "f.t")} AS bucket, f.b AS b, SUM(f.n) AS n FROM ${latencyFacts(q, workspaceId, window)} GROUP BY 1, 2`;
  const rows = await db.$queryRawUnsafe<{ bucket: string; b: unknown; n: unknown }[]>(text, ...q.params);
  return { ...fromHistograms(rows.map((r) => ({ bucket: String(r.bucket), latency: bucketLatency(Number(r.b)), count: Number(r.n) }))), error: LATENCY_ERROR };
}

/**
 * Postgres ranks in the database: percentile_disc is nearest-rank, and GROUPING SETS gives each
 * bucket and the whole window in one pass, a few rows back instead of thousands of counts.
 */
async function percentilesInPostgres(scope: Scope, window: Window, granularity: Granularity, db: Db): Promise<LatencyPercentiles> {
  const q = sql("postgres");
  const text = `SELECT ${bucketOf("postgres", granularity, `r."createdAt"`)} AS bucket, GROUPING(${bucketOf("postgres", granularity, `r."createdAt"`)}) AS whole,
      percentile_disc(0.5) WITHIN GROUP (ORDER BY r."latencyMs") AS p50, percentile_disc(0.95) WITHIN GROUP (ORDER BY r."latencyMs") AS p95
    FROM "Request" r WHERE ${scopeWhere(q, scope)} AND ${q.within(`r."createdAt"`, window)} GROUP BY GROUPING SETS ((1), ())`;
  const rows = await db.$queryRawUnsafe<{ bucket: string | null; whole: unknown; p50: unknown; p95: unknown }[]>(text, ...q.params);
  const whole = rows.find((r) => Number(r.whole) === 1 && r.p50 !== null);
  return {
    error: 0,
    overall: whole ? { p50: Number(whole.p50), p95: Number(whole.p95) } : null,
    series: rows
      .filter((r) => Number(r.whole) === 0)
      .map((r) => ({ bucket: String(r.bucket), p50: Number(r.p50), p95: Number(r.p95) }))
      .sort((a, b) => a.bucket.localeCompare(b.bucket)),
  };
}

/** SQLite has no percentile function: it counts, and the ranks are walked here. */
async function percentilesFromCounts(scope: Scope, window: Window, granularity: Granularity, db: Db): Promise<LatencyPercentiles> {
  const dialect = dialectOf(db);
  const q = sql(dialect);
  const text = `SELECT ${bucketOf(dialect, granularity, `r."createdAt"`)} AS bucket, r."latencyMs" AS lat, COUNT(*) AS n
    FROM "Request" r WHERE ${scopeWhere(q, scope)} AND ${q.within(`r."createdAt"`, window)} GROUP BY 1, 2`;
  const rows = await db.$queryRawUnsafe<{ bucket: string; lat: unknown; n: unknown }[]>(text, ...q.params);
  return { ...fromHistograms(rows.map((r) => ({ bucket: String(r.bucket), latency: Number(r.lat), count: Number(r.n) }))), error: 0 };
}
