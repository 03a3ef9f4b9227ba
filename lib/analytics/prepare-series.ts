// Chart preparation, kept pure and tested apart from rendering: spend per bucket with the top
// groups as their own series and the rest folded into "other".
import type { CostGroup, CostPoint } from "./cost";

export interface StackedSeries {
  keys: string[];
  /** One row per bucket: { bucket, [group]: dollars }. */
  rows: Record<string, string | number>[];
}

export function stackSeries(points: CostPoint[], groups: CostGroup[], top = 6): StackedSeries {
  const keys = groups.slice(0, top).map((g) => g.group);
  const shown = new Set(keys);
  const hasOther = groups.length > top;
  const byBucket = new Map<string, Record<string, string | number>>();
  for (const p of points) {
    const row = byBucket.get(p.bucket) ?? { bucket: p.bucket, ...Object.fromEntries([...keys, ...(hasOther ? ["other"] : [])].map((k) => [k, 0])) };
    const key = shown.has(p.group) ? p.group : "other";
    row[key] = (row[key] as number) + Number(p.spendNano) / 1e9;
    byBucket.set(p.bucket, row);
  }
  return { keys: hasOther ? [...keys, "other"] : keys, rows: [...byBucket.values()].sort((a, b) => String(a.bucket).localeCompare(String(b.bucket))) };
}

/** Long rows (bucket, series, value) to one row per bucket with a column per series. */
export function pivot<T>(points: T[], bucket: (p: T) => string, series: (p: T) => string, value: (p: T) => number | null): { keys: string[]; rows: Record<string, string | number | null>[] } {
  const keys = [...new Set(points.map(series))].sort();
  const byBucket = new Map<string, Record<string, string | number | null>>();
  for (const p of points) {
    const row = byBucket.get(bucket(p)) ?? { bucket: bucket(p) };
    row[series(p)] = value(p);
    byBucket.set(bucket(p), row);
  }
  return { keys, rows: [...byBucket.values()].sort((a, b) => String(a.bucket).localeCompare(String(b.bucket))) };
}
