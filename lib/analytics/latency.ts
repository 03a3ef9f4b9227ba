// Latency percentiles, exact and nearest-rank (the value at rank ceil(p·n)), per time bucket and
// over the whole window, from one query: the database counts requests per (bucket, latency in
// ms), which it reads from the (workspaceId, createdAt, userId, latencyMs, …) index alone, and
// the ranks are walked here. Latencies repeat a lot at millisecond resolution, so the counts are
// far fewer than the requests, and this beats sorting every request for each percentile.
import { type Db, db as defaultDb, dialectOf } from "../db/client";
import { type Scope, bucketOf, scopeWhere, sql } from "./sql";
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
  const dialect = dialectOf(db);
  const q = sql(dialect);
  const text = `SELECT ${bucketOf(dialect, granularity, `r."createdAt"`)} AS bucket, r."latencyMs" AS lat, COUNT(*) AS n
    FROM "Request" r WHERE ${scopeWhere(q, scope)} AND ${q.within(`r."createdAt"`, window)} GROUP BY 1, 2`;
  const rows = await db.$queryRawUnsafe<{ bucket: string; lat: unknown; n: unknown }[]>(text, ...q.params);
  const byBucket = new Map<string, Histogram>();
  const overall = new Map<number, number>();
  for (const r of rows) {
    const latency = Number(r.lat);
    const count = Number(r.n);
    const bucket = String(r.bucket);
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
