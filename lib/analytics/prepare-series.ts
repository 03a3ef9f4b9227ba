// Chart preparation, kept pure and tested apart from rendering. Given the window's bucket labels
// (time-range.ts bucketLabels), every bucket gets a row, so quiet periods show as zero.
import type { CostGroup, CostPoint } from "./cost";
import type { LatencyPoint } from "./latency";

type Row = Record<string, string | number | null>;

export interface StackedSeries {
  keys: string[];
  /** One row per bucket: { bucket, [group]: dollars }. */
  rows: Row[];
}

/** Rows for every bucket in `buckets` plus any the data has, in order, each starting from `empty`. */
function rowsByBucket(buckets: string[], empty: () => Row) {
  const byBucket = new Map<string, Row>();
  const rowFor = (bucket: string) => {
    let row = byBucket.get(bucket);
    if (!row) byBucket.set(bucket, (row = { bucket, ...empty() }));
    return row;
  };
  for (const b of buckets) rowFor(b);
  const sorted = () => [...byBucket.values()].sort((a, b) => String(a.bucket).localeCompare(String(b.bucket)));
  return { rowFor, sorted };
}

/** Spend per bucket with the top groups as their own series and the rest folded into "other". */
export function stackSeries(points: CostPoint[], groups: CostGroup[], top = 6, buckets: string[] = []): StackedSeries {
  const keys = groups.slice(0, top).map((g) => g.group);
  const shown = new Set(keys);
  const allKeys = groups.length > top ? [...keys, "other"] : keys;
  const { rowFor, sorted } = rowsByBucket(buckets, () => Object.fromEntries(allKeys.map((k) => [k, 0])));
  for (const p of points) {
    const row = rowFor(p.bucket);
    const key = shown.has(p.group) ? p.group : "other";
    row[key] = (row[key] as number) + Number(p.spendNano) / 1e9;
  }
  return { keys: allKeys, rows: sorted() };
}

/**
 * Long rows (bucket, series, value) to one row per bucket with a column per series. Buckets
 * without data get `missing` for every series: 0 for counts, null for gauges (a gap).
 */
export function pivot<T>(points: T[], bucket: (p: T) => string, series: (p: T) => string, value: (p: T) => number | null, options: { buckets?: string[]; missing?: number | null } = {}): { keys: string[]; rows: Row[] } {
  const keys = [...new Set(points.map(series))].sort();
  const missing = options.missing === undefined ? null : options.missing;
  const { rowFor, sorted } = rowsByBucket(options.buckets ?? [], () => Object.fromEntries(keys.map((k) => [k, missing])));
  for (const p of points) rowFor(bucket(p))[series(p)] = value(p);
  return { keys, rows: sorted() };
}

/** p50 and p95 per bucket as two lines; buckets without requests are gaps. */
export function percentileRows(points: LatencyPoint[], buckets: string[]) {
  return pivot(
    points.flatMap((p) => [
      { bucket: p.bucket, series: "p50", ms: p.p50 },
      { bucket: p.bucket, series: "p95", ms: p.p95 },
    ]),
    (p) => p.bucket,
    (p) => p.series,
    (p) => p.ms,
    { buckets },
  ).rows;
}

/** Flags the rows of partial buckets (time-range.ts partialBuckets) for the charts to mark. */
export function markPartial<R extends Row>(rows: R[], partial: string[]): R[] {
  const set = new Set(partial);
  return rows.map((row) => (set.has(String(row.bucket)) ? { ...row, partial: 1 } : row));
}
