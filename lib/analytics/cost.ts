// Spend broken down by model, provider, user or any property, in total and over time. Raw SQL
// (the grouping and time buckets Prisma can't express), written for both dialects and tested
// on both against hand-computed sums (tests/integration/analytics/cost.test.ts).
import { type Db, db as defaultDb, dialectOf } from "../db/client";
import { type Dialect, type Scope, scopeWhere, sql, toBigInt } from "./sql";
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

function groupExpression(dimension: CostDimension): string {
  switch (dimension.kind) {
    case "model":
      return `COALESCE(r."modelServed", r."modelRequested")`;
    case "provider":
      return `r."provider"`;
    case "user":
      return `COALESCE(r."userId", '(no user)')`;
    case "property":
      return `COALESCE(p."value", '(none)')`;
  }
}

export const BUCKETS: Record<Dialect, Record<Granularity, string>> = {
  sqlite: {
    hour: `substr(r."createdAt", 1, 13) || ':00'`,
    day: `substr(r."createdAt", 1, 10)`,
    week: `date(substr(r."createdAt", 1, 10), 'weekday 0', '-6 days')`,
    month: `substr(r."createdAt", 1, 7)`,
  },
  postgres: {
    hour: `to_char(date_trunc('hour', r."createdAt"), 'YYYY-MM-DD"T"HH24":00"')`,
    day: `to_char(date_trunc('day', r."createdAt"), 'YYYY-MM-DD')`,
    week: `to_char(date_trunc('week', r."createdAt"), 'YYYY-MM-DD')`,
    month: `to_char(date_trunc('month', r."createdAt"), 'YYYY-MM')`,
  },
};

function fromClause(q: ReturnType<typeof sql>, scope: Scope, window: Window, dimension: CostDimension) {
  const join = dimension.kind === "property" ? `LEFT JOIN "RequestProperty" p ON p."requestId" = r."id" AND p."key" = ${q.param(dimension.key.toLowerCase())}` : "";
  return `FROM "Request" r ${join} WHERE ${scopeWhere(q, scope)} AND ${q.within(`r."createdAt"`, window)}`;
}

export async function costBreakdown(scope: Scope, window: Window, dimension: CostDimension, db: Db = defaultDb()): Promise<CostGroup[]> {
  const q = sql(dialectOf(db));
  const text = `SELECT ${groupExpression(dimension)} AS grp, SUM(r."costNanoUsd") AS spend, COUNT(*) AS n ${fromClause(q, scope, window, dimension)} GROUP BY 1`;
  const rows = await db.$queryRawUnsafe<{ grp: string; spend: unknown; n: unknown }[]>(text, ...q.params);
  return rows
    .map((r) => ({ group: String(r.grp), spendNano: toBigInt(r.spend), requests: Number(r.n) }))
    .sort((a, b) => (b.spendNano > a.spendNano ? 1 : b.spendNano < a.spendNano ? -1 : b.requests - a.requests));
}

export async function costSeries(scope: Scope, window: Window, dimension: CostDimension, granularity: Granularity, db: Db = defaultDb()): Promise<CostPoint[]> {
  const dialect = dialectOf(db);
  const q = sql(dialect);
  const text = `SELECT ${BUCKETS[dialect][granularity]} AS bucket, ${groupExpression(dimension)} AS grp, SUM(r."costNanoUsd") AS spend ${fromClause(q, scope, window, dimension)} GROUP BY 1, 2 ORDER BY 1`;
  const rows = await db.$queryRawUnsafe<{ bucket: string; grp: string; spend: unknown }[]>(text, ...q.params);
  return rows.map((r) => ({ bucket: String(r.bucket), group: String(r.grp), spendNano: toBigInt(r.spend) }));
}
