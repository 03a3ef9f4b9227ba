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
