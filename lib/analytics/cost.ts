// Spend broken down by model, provider, user or any property, in total and over time. Model and
// provider read the request rollups, a property the property rollups, users the daily user
// rollups (facts.ts). Raw SQL in both dialects, tested on both against hand-computed sums
// (tests/integration/analytics/cost.test.ts).
import { type Db, db as defaultDb, dialectOf } from "../db/client";
import { propertyFacts, requestFacts, userFacts } from "./facts";
import { type Scope, bucketOf, sql, toBigInt } from "./sql";
import type { Granularity, Window } from "./time-range";

export type CostDimension = { kind: "model" } | { kind: "provider" } | { kind: "user" } | { kind: "property"; key: string };

export interface CostGroup {
  group: string;
  spendNano: bigint;
  requests: number;
}

export interface CostPoint {
  bucket: string;
  group: string;
  spendNano: bigint;
}

/** Requests without the property are reported as this group. */
export const NO_VALUE = "(none)";
export const NO_USER = "(no user)";

interface Grouped {
  bucket: string;
  grp: string;
  spend: unknown;
  n: unknown;
}

/** SUM(spend), SUM(n) grouped by `group` (and a time bucket when `granularity` is given). */
async function grouped(db: Db, scope: Scope, window: Window, dimension: CostDimension, granularity?: Granularity): Promise<Grouped[]> {
  const dialect = dialectOf(db);
  const q = sql(dialect);
  let from: string;
  let group: string;
  if (dimension.kind === "user") {
    from = userFacts(q, scope, window, { hourly: granularity === "hour" });
    group = "f.u";
  } else if (dimension.kind === "property") {
    from = propertyFacts(q, scope, window, dimension.key.toLowerCase(), { hourly: granularity === "hour" });
    group = "f.value";
  } else {
    from = requestFacts(q, dialect, scope, window);
    group = dimension.kind === "model" ? "f.model" : "f.provider";
  }
  const bucket = granularity ? `${bucketOf(dialect, granularity, "f.t")} AS bucket, ` : "";
  const text = `SELECT ${bucket}${group} AS grp, SUM(f.spend) AS spend, SUM(f.n) AS n FROM ${from} GROUP BY ${granularity ? "1, 2" : "1"}`;
  return db.$queryRawUnsafe<Grouped[]>(text, ...q.params);
}

/**
 * A property's groups plus NO_VALUE for the requests without it (users' plus NO_USER): the
 * difference between all requests and those with a value (a request has at most one per key).
 */
async function withNoValue(db: Db, scope: Scope, window: Window, dimension: CostDimension, granularity?: Granularity): Promise<Grouped[]> {
  const rows = await grouped(db, scope, window, dimension, granularity);
  if (dimension.kind !== "property" && dimension.kind !== "user") return rows;
  const totals = await grouped(db, scope, window, { kind: "provider" }, granularity);
  const rest = new Map<string, { spend: bigint; n: number }>();
  for (const t of totals) {
    const at = rest.get(t.bucket ?? "") ?? { spend: 0n, n: 0 };
    rest.set(t.bucket ?? "", { spend: at.spend + toBigInt(t.spend), n: at.n + Number(t.n) });
  }
  for (const r of rows) {
    const at = rest.get(r.bucket ?? "")!;
    rest.set(r.bucket ?? "", { spend: at.spend - toBigInt(r.spend), n: at.n - Number(r.n) });
  }
  const label = dimension.kind === "user" ? NO_USER : NO_VALUE;
  const none = [...rest.entries()].filter(([, v]) => v.n > 0).map(([bucket, v]) => ({ bucket, grp: label, spend: v.spend, n: v.n }));
  return [...rows, ...none];
}

const bySpend = (a: CostGroup, b: CostGroup) => (b.spendNano > a.spendNano ? 1 : b.spendNano < a.spendNano ? -1 : b.requests - a.requests);

export async function costBreakdown(scope: Scope, window: Window, dimension: CostDimension, db: Db = defaultDb()): Promise<CostGroup[]> {
  const rows = await withNoValue(db, scope, window, dimension);
  return rows.map((r) => ({ group: String(r.grp), spendNano: toBigInt(r.spend), requests: Number(r.n) })).sort(bySpend);
}

export async function costSeries(scope: Scope, window: Window, dimension: CostDimension, granularity: Granularity, db: Db = defaultDb()): Promise<CostPoint[]> {
  const rows = await withNoValue(db, scope, window, dimension, granularity);
  return rows.map((r) => ({ bucket: String(r.bucket), group: String(r.grp), spendNano: toBigInt(r.spend) })).sort((a, b) => a.bucket.localeCompare(b.bucket));
}
