// Rollups of the request log: hourly totals (RequestRollup, PropertyRollup, and PropertyRollup's
// by day, PropertyDayRollup), hourly latency histograms (LatencyRollup, per property value
// PropertyLatencyRollup and per property key KeyLatencyRollup; latency-buckets.ts) and daily
// totals per end user (UserRollup) and per end user and model (UserModelRollup).
// The log writers add each batch's totals in the same transaction as its rows, so the rollups
// are exactly the sums of the rows; rebuildRollups() recomputes them from the rows (after bulk
// loads that bypass the writer, and in the migrations that created them).
import { requestOfProperty } from "./partitions";
import { latencyBucket, latencyBucketSql } from "./latency-buckets";
import type { ColumnType, RequestLogRow } from "./request-log";
import { dayOf, hourOf } from "./timestamps";

export { dayOf, hourOf };

export interface RequestRollupRow {
  workspaceId: string;
  hour: Date;
  provider: string;
  model: string;
  status: number;
  cacheHit: boolean;
  requests: number;
  spendNano: bigint;
  savedNano: bigint;
  latencySumMs: bigint;
  ttftSumMs: bigint;
  ttftCount: number;
  promptTokens: bigint;
  completionTokens: bigint;
  unpricedRequests: number;
  cacheMisses: number;
}

export interface PropertyRollupRow {
  workspaceId: string;
  key: string;
  hour: Date;
  value: string;
  requests: number;
  spendNano: bigint;
  latencySumMs: bigint;
  tokens: bigint;
  unpricedRequests: number;
  errors: number;
  cacheHits: number;
  cacheMisses: number;
  savedNano: bigint;
  ttftSumMs: bigint;
  ttftCount: number;
  promptTokens: bigint;
  completionTokens: bigint;
}

/** PropertyRollup's totals by day. */
export type PropertyDayRollupRow = Omit<PropertyRollupRow, "hour"> & { day: Date };

export interface LatencyRollupRow {
  workspaceId: string;
  hour: Date;
  bucket: number;
  requests: number;
}

export interface PropertyLatencyRollupRow {
  workspaceId: string;
  key: string;
  value: string;
  hour: Date;
  bucket: number;
  requests: number;
}

export interface KeyLatencyRollupRow {
  workspaceId: string;
  key: string;
  hour: Date;
  bucket: number;
  requests: number;
}

export interface UserRollupRow {
  workspaceId: string;
  day: Date;
  userId: string;
  requests: number;
  errors: number;
  spendNano: bigint;
  latencySumMs: bigint;
  firstAt: Date;
  lastAt: Date;
}

export interface UserModelRollupRow {
  workspaceId: string;
  userId: string;
  day: Date;
  model: string;
  requests: number;
}

/** A value column adds up, unless it keeps the earliest (`min`) or latest (`max`). */
type Columns<T> = { name: keyof T & string; type: ColumnType; key: boolean; merge?: "min" | "max" }[];
export type RollupTable = "RequestRollup" | "PropertyRollup" | "PropertyDayRollup" | "LatencyRollup" | "PropertyLatencyRollup" | "KeyLatencyRollup" | "UserRollup" | "UserModelRollup";

export const REQUEST_ROLLUP_COLUMNS: Columns<RequestRollupRow> = [
  { name: "workspaceId", type: "text", key: true },
  { name: "hour", type: "timestamp", key: true },
  { name: "provider", type: "text", key: true },
  { name: "model", type: "text", key: true },
  { name: "status", type: "int", key: true },
  { name: "cacheHit", type: "bool", key: true },
  { name: "requests", type: "int", key: false },
  { name: "spendNano", type: "bigint", key: false },
  { name: "savedNano", type: "bigint", key: false },
  { name: "latencySumMs", type: "bigint", key: false },
  { name: "ttftSumMs", type: "bigint", key: false },
  { name: "ttftCount", type: "int", key: false },
  { name: "promptTokens", type: "bigint", key: false },
  { name: "completionTokens", type: "bigint", key: false },
  { name: "unpricedRequests", type: "int", key: false },
  { name: "cacheMisses", type: "int", key: false },
];

export const PROPERTY_ROLLUP_COLUMNS: Columns<PropertyRollupRow> = [
  { name: "workspaceId", type: "text", key: true },
  { name: "key", type: "text", key: true },
  { name: "hour", type: "timestamp", key: true },
  { name: "value", type: "text", key: true },
  { name: "requests", type: "int", key: false },
  { name: "spendNano", type: "bigint", key: false },
  { name: "latencySumMs", type: "bigint", key: false },
  { name: "tokens", type: "bigint", key: false },
  { name: "unpricedRequests", type: "int", key: false },
  { name: "errors", type: "int", key: false },
  { name: "cacheHits", type: "int", key: false },
  { name: "cacheMisses", type: "int", key: false },
  { name: "savedNano", type: "bigint", key: false },
  { name: "ttftSumMs", type: "bigint", key: false },
  { name: "ttftCount", type: "int", key: false },
  { name: "promptTokens", type: "bigint", key: false },
  { name: "completionTokens", type: "bigint", key: false },
];

export const PROPERTY_DAY_ROLLUP_COLUMNS = PROPERTY_ROLLUP_COLUMNS.map((c) => (c.name === "hour" ? { ...c, name: "day" } : c)) as Columns<PropertyDayRollupRow>;

export const LATENCY_ROLLUP_COLUMNS: Columns<LatencyRollupRow> = [
  { name: "workspaceId", type: "text", key: true },
  { name: "hour", type: "timestamp", key: true },
  { name: "bucket", type: "int", key: true },
  { name: "requests", type: "int", key: false },
];

export const PROPERTY_LATENCY_ROLLUP_COLUMNS: Columns<PropertyLatencyRollupRow> = [
  { name: "workspaceId", type: "text", key: true },
  { name: "key", type: "text", key: true },
  { name: "value", type: "text", key: true },
  { name: "hour", type: "timestamp", key: true },
  { name: "bucket", type: "int", key: true },
  { name: "requests", type: "int", key: false },
];

export const KEY_LATENCY_ROLLUP_COLUMNS: Columns<KeyLatencyRollupRow> = [
  { name: "workspaceId", type: "text", key: true },
  { name: "key", type: "text", key: true },
  { name: "hour", type: "timestamp", key: true },
  { name: "bucket", type: "int", key: true },
  { name: "requests", type: "int", key: false },
];

export const USER_ROLLUP_COLUMNS: Columns<UserRollupRow> = [
  { name: "workspaceId", type: "text", key: true },
  { name: "day", type: "timestamp", key: true },
  { name: "userId", type: "text", key: true },
  { name: "requests", type: "int", key: false },
  { name: "errors", type: "int", key: false },
  { name: "spendNano", type: "bigint", key: false },
  { name: "latencySumMs", type: "bigint", key: false },
  { name: "firstAt", type: "timestamp", key: false, merge: "min" },
  { name: "lastAt", type: "timestamp", key: false, merge: "max" },
];

export const USER_MODEL_ROLLUP_COLUMNS: Columns<UserModelRollupRow> = [
  { name: "workspaceId", type: "text", key: true },
  { name: "userId", type: "text", key: true },
  { name: "day", type: "timestamp", key: true },
  { name: "model", type: "text", key: true },
  { name: "requests", type: "int", key: false },
];

const big = (n: number | bigint | null) => (n === null ? 0n : BigInt(n));

export interface RollupBatch {
  requests: RequestRollupRow[];
  properties: PropertyRollupRow[];
  propertyDays: PropertyDayRollupRow[];
  latency: LatencyRollupRow[];
  propertyLatency: PropertyLatencyRollupRow[];
  keyLatency: KeyLatencyRollupRow[];
  users: UserRollupRow[];
  userModels: UserModelRollupRow[];
}

/**
 * Counts one more request in the rollup row keyed by `key`, made by `make` the first time the
 * batch meets that key; returns the row for the other totals.
 */
function countIn<T extends { requests: number }>(map: Map<string, T>, key: unknown[], make: () => T): T {
  const id = key.join("\u0000");
  const row = map.get(id) ?? make();
  row.requests++;
  map.set(id, row);
  return row;
}

/** A batch's rollup rows, one per key, in key order (so concurrent writers lock in one order). */
export function rollupBatch(rows: RequestLogRow[]): RollupBatch {
  const requests = new Map<string, RequestRollupRow>();
  const properties = new Map<string, PropertyRollupRow>();
  const propertyDays = new Map<string, PropertyDayRollupRow>();
  const latency = new Map<string, LatencyRollupRow>();
  const propertyLatency = new Map<string, PropertyLatencyRollupRow>();
  const keyLatency = new Map<string, KeyLatencyRollupRow>();
  const users = new Map<string, UserRollupRow>();
  const userModels = new Map<string, UserModelRollupRow>();
  for (const r of rows) {
    const { workspaceId, createdAt } = r;
    const hour = hourOf(createdAt);
    const day = dayOf(createdAt);
    const bucket = latencyBucket(r.latencyMs);
    countIn(latency, [workspaceId, hour.getTime(), bucket], () => ({ workspaceId, hour, bucket, requests: 0 }));
    const model = r.modelServed ?? r.modelRequested;
    if (r.userId !== null) {
      const userId = r.userId;
      const user = countIn(users, [workspaceId, day.getTime(), userId], () => ({ workspaceId, day, userId, requests: 0, errors: 0, spendNano: 0n, latencySumMs: 0n, firstAt: createdAt, lastAt: createdAt }));
      if (r.status >= 400) user.errors++;
      user.spendNano += big(r.costNanoUsd);
      user.latencySumMs += big(r.latencyMs);
      if (createdAt < user.firstAt) user.firstAt = createdAt;
      if (createdAt > user.lastAt) user.lastAt = createdAt;
      countIn(userModels, [workspaceId, userId, day.getTime(), model], () => ({ workspaceId, userId, day, model, requests: 0 }));
    }
    const cacheHit = r.cacheStatus === "HIT";
    const cacheMiss = r.cacheStatus !== null && !cacheHit;
    const status = r.status;
    const agg = countIn(requests, [workspaceId, hour.getTime(), r.provider, model, status, cacheHit], () => emptyRollup(REQUEST_ROLLUP_COLUMNS, { workspaceId, hour, provider: r.provider, model, status, cacheHit }));
    if (r.costNanoUsd === null) agg.unpricedRequests++;
    if (cacheMiss) agg.cacheMisses++;
    agg.spendNano += big(r.costNanoUsd);
    agg.savedNano += big(r.costSavedNanoUsd);
    agg.latencySumMs += big(r.latencyMs);
    if (r.timeToFirstTokenMs !== null) {
      agg.ttftSumMs += big(r.timeToFirstTokenMs);
      agg.ttftCount++;
    }
    agg.promptTokens += big(r.promptTokens);
    agg.completionTokens += big(r.completionTokens);
    if (r.properties.length === 0) continue;
    const totals = propertyTotalsOf(r, cacheHit, cacheMiss);
    for (const { key, value } of r.properties) {
      addPropertyTotals(countIn(properties, [workspaceId, key, hour.getTime(), value], () => emptyRollup(PROPERTY_ROLLUP_COLUMNS, { workspaceId, key, hour, value })), totals);
      addPropertyTotals(countIn(propertyDays, [workspaceId, key, day.getTime(), value], () => emptyRollup(PROPERTY_DAY_ROLLUP_COLUMNS, { workspaceId, key, day, value })), totals);
      countIn(propertyLatency, [workspaceId, key, value, hour.getTime(), bucket], () => ({ workspaceId, key, value, hour, bucket, requests: 0 }));
      countIn(keyLatency, [workspaceId, key, hour.getTime(), bucket], () => ({ workspaceId, key, hour, bucket, requests: 0 }));
    }
  }
  const ordered = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { requests: ordered(requests), properties: ordered(properties), propertyDays: ordered(propertyDays), latency: ordered(latency), propertyLatency: ordered(propertyLatency), keyLatency: ordered(keyLatency), users: ordered(users), userModels: ordered(userModels) };
}

/** What one request adds to each of its property rollup rows, besides the count countIn keeps. */
type PropertyTotals = Omit<PropertyRollupRow, "workspaceId" | "key" | "hour" | "value" | "requests">;

/** A request's property totals, converted once and added to every property row (hour and day) it counts in. */
function propertyTotalsOf(r: RequestLogRow, cacheHit: boolean, cacheMiss: boolean): PropertyTotals {
  return {
    spendNano: big(r.costNanoUsd),
    latencySumMs: big(r.latencyMs),
    tokens: big(r.promptTokens) + big(r.completionTokens),
    unpricedRequests: r.costNanoUsd === null ? 1 : 0,
    errors: r.status >= 400 ? 1 : 0,
    cacheHits: cacheHit ? 1 : 0,
    cacheMisses: cacheMiss ? 1 : 0,
    savedNano: big(r.costSavedNanoUsd),
    ttftSumMs: big(r.timeToFirstTokenMs),
    ttftCount: r.timeToFirstTokenMs === null ? 0 : 1,
    promptTokens: big(r.promptTokens),
    completionTokens: big(r.completionTokens),
  };
}

function addPropertyTotals(row: PropertyTotals, t: PropertyTotals) {
  row.spendNano += t.spendNano;
  row.latencySumMs += t.latencySumMs;
  row.tokens += t.tokens;
  row.unpricedRequests += t.unpricedRequests;
  row.errors += t.errors;
  row.cacheHits += t.cacheHits;
  row.cacheMisses += t.cacheMisses;
  row.savedNano += t.savedNano;
  row.ttftSumMs += t.ttftSumMs;
  row.ttftCount += t.ttftCount;
  row.promptTokens += t.promptTokens;
  row.completionTokens += t.completionTokens;
}

/** A rollup row with these key values and every total at zero, as its columns type them. */
function emptyRollup<T>(columns: Columns<T>, keys: Partial<T>): T {
  const totals: Record<string, unknown> = {};
  for (const c of columns) if (!c.key) totals[c.name] = c.type === "bigint" ? 0n : 0;
  return { ...totals, ...keys } as T;
}

/** Each rollup table, its columns and which of a batch's rollups go in it, in write order. */
export const ROLLUP_TABLES = [
  { table: "RequestRollup", columns: REQUEST_ROLLUP_COLUMNS, rows: (b: RollupBatch) => b.requests },
  { table: "PropertyRollup", columns: PROPERTY_ROLLUP_COLUMNS, rows: (b: RollupBatch) => b.properties },
  { table: "PropertyDayRollup", columns: PROPERTY_DAY_ROLLUP_COLUMNS, rows: (b: RollupBatch) => b.propertyDays },
  { table: "LatencyRollup", columns: LATENCY_ROLLUP_COLUMNS, rows: (b: RollupBatch) => b.latency },
  { table: "PropertyLatencyRollup", columns: PROPERTY_LATENCY_ROLLUP_COLUMNS, rows: (b: RollupBatch) => b.propertyLatency },
  { table: "KeyLatencyRollup", columns: KEY_LATENCY_ROLLUP_COLUMNS, rows: (b: RollupBatch) => b.keyLatency },
  { table: "UserRollup", columns: USER_ROLLUP_COLUMNS, rows: (b: RollupBatch) => b.users },
  { table: "UserModelRollup", columns: USER_MODEL_ROLLUP_COLUMNS, rows: (b: RollupBatch) => b.userModels },
] as unknown as { table: RollupTable; columns: Columns<Record<string, unknown>>; rows: (b: RollupBatch) => Record<string, unknown>[] }[];

/** `INSERT … ON CONFLICT DO UPDATE` that adds to the totals; `values` is the dialect's source. */
export function upsertSql(dialect: Dialect, table: RollupTable, columns: { name: string; key: boolean; merge?: "min" | "max" }[], values: string): string {
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const keys = columns.filter((c) => c.key).map((c) => `"${c.name}"`).join(", ");
  const merged = (c: { name: string; merge?: "min" | "max" }) => {
    const [current, added] = [`"${table}"."${c.name}"`, `excluded."${c.name}"`];
    if (!c.merge) return `${current} + ${added}`;
    const fn = dialect === "postgres" ? (c.merge === "min" ? "LEAST" : "GREATEST") : c.merge.toUpperCase();
    return `${fn}(${current}, ${added})`;
  };
  const sets = columns.filter((c) => !c.key).map((c) => `"${c.name}" = ${merged(c)}`).join(", ");
  return `INSERT INTO "${table}" (${names}) ${values} ON CONFLICT (${keys}) DO UPDATE SET ${sets}`;
}

const columnList = (columns: { name: string }[]) => columns.map((c) => `"${c.name}"`).join(", ");

type Dialect = "sqlite" | "postgres";
/** The start of a timestamp's hour or day, stored as the dialect stores timestamps. */
const hourSql = (dialect: Dialect, column: string) => (dialect === "postgres" ? `date_trunc('hour', ${column})` : `substr(${column}, 1, 13) || ':00:00.000+00:00'`);
const daySql = (dialect: Dialect, column: string) => (dialect === "postgres" ? `date_trunc('day', ${column})` : `substr(${column}, 1, 10) || 'T00:00:00.000+00:00'`);

/** Statements that recompute every rollup from the rows (after bulk loads that bypass the writer). */
export function rebuildRollupsSql(dialect: Dialect): string[] {
  const hour = (column: string) => hourSql(dialect, column);
  const day = (column: string) => daySql(dialect, column);
  const hit = dialect === "postgres" ? `COALESCE(r."cacheStatus" = 'HIT', false)` : `(CASE WHEN r."cacheStatus" = 'HIT' THEN 1 ELSE 0 END)`;
  const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const [unpriced, errors, hits, misses] = [`r."costNanoUsd" IS NULL`, `r."status" >= 400`, `r."cacheStatus" = 'HIT'`, `r."cacheStatus" <> 'HIT'`].map(count);
  return [
    ...ROLLUP_TABLES.map(({ table }) => `DELETE FROM "${table}"`),
    `INSERT INTO "RequestRollup" (${columnList(REQUEST_ROLLUP_COLUMNS)})
      SELECT r."workspaceId", ${hour(`r."createdAt"`)}, r."provider", COALESCE(r."modelServed", r."modelRequested"), r."status", ${hit},
        COUNT(*), COALESCE(SUM(r."costNanoUsd"), 0), COALESCE(SUM(r."costSavedNanoUsd"), 0), SUM(r."latencyMs"), COALESCE(SUM(r."timeToFirstTokenMs"), 0),
        COUNT(r."timeToFirstTokenMs"), COALESCE(SUM(r."promptTokens"), 0), COALESCE(SUM(r."completionTokens"), 0), ${unpriced}, ${misses}
      FROM "Request" r GROUP BY 1, 2, 3, 4, 5, 6`,
    `INSERT INTO "PropertyRollup" (${columnList(PROPERTY_ROLLUP_COLUMNS)})
      SELECT p."workspaceId", p."key", ${hour(`p."createdAt"`)}, p."value", COUNT(*), COALESCE(SUM(r."costNanoUsd"), 0), SUM(r."latencyMs"),
        SUM(COALESCE(r."promptTokens", 0) + COALESCE(r."completionTokens", 0)), ${unpriced}, ${errors}, ${hits}, ${misses}, COALESCE(SUM(r."costSavedNanoUsd"), 0),
        COALESCE(SUM(r."timeToFirstTokenMs"), 0), COUNT(r."timeToFirstTokenMs"), COALESCE(SUM(r."promptTokens"), 0), COALESCE(SUM(r."completionTokens"), 0)
      FROM "RequestProperty" p JOIN "Request" r ON ${requestOfProperty(dialect, "r", "p")} GROUP BY 1, 2, 3, 4`,
    // From the hourly rollup just rebuilt: the same sums, by day.
    `INSERT INTO "PropertyDayRollup" (${columnList(PROPERTY_DAY_ROLLUP_COLUMNS)})
      SELECT "workspaceId", "key", ${day(`"hour"`)}, "value", ${PROPERTY_DAY_ROLLUP_COLUMNS.filter((c) => !c.key).map((c) => `SUM("${c.name}")`).join(", ")}
      FROM "PropertyRollup" GROUP BY 1, 2, 3, 4`,
    `INSERT INTO "LatencyRollup" (${columnList(LATENCY_ROLLUP_COLUMNS)})
      SELECT r."workspaceId", ${hour(`r."createdAt"`)}, ${latencyBucketSql(`r."latencyMs"`)}, COUNT(*) FROM "Request" r GROUP BY 1, 2, 3`,
    `INSERT INTO "PropertyLatencyRollup" (${columnList(PROPERTY_LATENCY_ROLLUP_COLUMNS)})
      SELECT p."workspaceId", p."key", p."value", ${hour(`p."createdAt"`)}, ${latencyBucketSql(`r."latencyMs"`)}, COUNT(*)
      FROM "RequestProperty" p JOIN "Request" r ON ${requestOfProperty(dialect, "r", "p")} GROUP BY 1, 2, 3, 4, 5`,
    `INSERT INTO "KeyLatencyRollup" (${columnList(KEY_LATENCY_ROLLUP_COLUMNS)})
      SELECT p."workspaceId", p."key", ${hour(`p."createdAt"`)}, ${latencyBucketSql(`r."latencyMs"`)}, COUNT(*)
      FROM "RequestProperty" p JOIN "Request" r ON ${requestOfProperty(dialect, "r", "p")} GROUP BY 1, 2, 3, 4`,
    `INSERT INTO "UserRollup" (${columnList(USER_ROLLUP_COLUMNS)})
      SELECT r."workspaceId", ${day(`r."createdAt"`)}, r."userId", COUNT(*), ${errors}, COALESCE(SUM(r."costNanoUsd"), 0),
        SUM(r."latencyMs"), MIN(r."createdAt"), MAX(r."createdAt")
      FROM "Request" r WHERE r."userId" IS NOT NULL GROUP BY 1, 2, 3`,
    `INSERT INTO "UserModelRollup" (${columnList(USER_MODEL_ROLLUP_COLUMNS)})
      SELECT r."workspaceId", r."userId", ${day(`r."createdAt"`)}, COALESCE(r."modelServed", r."modelRequested"), COUNT(*)
      FROM "Request" r WHERE r."userId" IS NOT NULL GROUP BY 1, 2, 3, 4`,
  ];
}
