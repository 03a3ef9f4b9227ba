// Property keys and values seen in a workspace: for filter pickers, the Properties pages and the
// overview. Sums read the property rollups (facts.ts).
import { type Db, db as defaultDb, dialectOf } from "../db/client";
import { hourOf } from "../db/rollups";
import { propertyFacts } from "./facts";
import { sql, toBigInt } from "./sql";
import type { Window } from "./time-range";

/**
 * Keys used in the window, in alphabetical order. Walks the distinct keys of the rollup's
 * primary key one index seek at a time (a loose index scan), so the cost grows with the
 * number of keys, not of requests.
 */
export async function propertyKeys(workspaceId: string, window: Window, db: Db = defaultDb()): Promise<string[]> {
  const q = sql(dialectOf(db));
  const text = `WITH RECURSIVE keys(k) AS (
      SELECT MIN("key") FROM "PropertyRollup" WHERE "workspaceId" = ${q.param(workspaceId)}
      UNION ALL
      SELECT (SELECT MIN("key") FROM "PropertyRollup" WHERE "workspaceId" = ${q.param(workspaceId)} AND "key" > keys.k) FROM keys WHERE keys.k IS NOT NULL
    )
    SELECT k FROM keys WHERE k IS NOT NULL
      AND EXISTS (SELECT 1 FROM "PropertyRollup" x WHERE x."workspaceId" = ${q.param(workspaceId)} AND x."key" = keys.k AND ${q.within(`x."hour"`, { from: hourOf(window.from), to: window.to })})
    ORDER BY k`;
  const rows = await db.$queryRawUnsafe<{ k: string }[]>(text, ...q.params);
  return rows.map((r) => r.k);
}

export interface PropertyKeySummary {
  key: string;
  requests: number;
  values: number;
}

/** Every key in the window with how many requests carry it and how many values it takes. */
export async function propertyKeySummaries(workspaceId: string, window: Window, db: Db = defaultDb()): Promise<PropertyKeySummary[]> {
  const q = sql(dialectOf(db));
  // Values grouped first, then counted: a hash aggregate, where COUNT(DISTINCT) sorts (10× slower on Postgres).
  const text = `SELECT k, SUM(n) AS n, COUNT(*) AS v FROM (SELECT f.key AS k, f.value AS val, SUM(f.n) AS n FROM ${propertyFacts(q, workspaceId, window)} GROUP BY f.key, f.value) byValue GROUP BY k`;
  const rows = await db.$queryRawUnsafe<{ k: string; n: unknown; v: unknown }[]>(text, ...q.params);
  return rows.map((r) => ({ key: r.k, requests: Number(r.n), values: Number(r.v) })).sort((a, b) => b.requests - a.requests || a.key.localeCompare(b.key));
}

export interface PropertyValueSummary {
  value: string;
  requests: number;
  spendNano: bigint;
  avgLatencyMs: number;
  avgTokens: number;
}

/** One key's values with requests, spend, average latency and average tokens. */
export async function propertyValueSummaries(workspaceId: string, key: string, window: Window, db: Db = defaultDb()): Promise<PropertyValueSummary[]> {
  const q = sql(dialectOf(db));
  const text = `SELECT f.value AS val, SUM(f.n) AS n, SUM(f.spend) AS spend, SUM(f.lat) AS lat, SUM(f.tokens) AS tokens
    FROM ${propertyFacts(q, workspaceId, window, key.toLowerCase())} GROUP BY f.value`;
  const rows = await db.$queryRawUnsafe<{ val: string; n: unknown; spend: unknown; lat: unknown; tokens: unknown }[]>(text, ...q.params);
  return rows
    .map((r) => ({ value: r.val, requests: Number(r.n), spendNano: toBigInt(r.spend), avgLatencyMs: Number(r.lat) / Number(r.n), avgTokens: Number(r.tokens) / Number(r.n) }))
    .sort((a, b) => (b.spendNano > a.spendNano ? 1 : b.spendNano < a.spendNano ? -1 : b.requests - a.requests));
}

/** A key's most used values in the window, for the filter bar's suggestions. */
export async function propertyValueOptions(workspaceId: string, key: string, window: Window, limit = 50, db: Db = defaultDb()): Promise<string[]> {
  const q = sql(dialectOf(db));
  const text = `SELECT f.value AS val FROM ${propertyFacts(q, workspaceId, window, key.toLowerCase())} GROUP BY f.value ORDER BY SUM(f.n) DESC, f.value LIMIT ${Math.max(1, Math.min(limit, 500))}`;
  const rows = await db.$queryRawUnsafe<{ val: string }[]>(text, ...q.params);
  return rows.map((r) => r.val);
}

/** Whether the workspace has ever used this property key (the rollups keep it after a purge). */
export async function propertyKeyExists(workspaceId: string, key: string, db: Db = defaultDb()): Promise<boolean> {
  return (await db.propertyRollup.findFirst({ where: { workspaceId, key: key.toLowerCase() }, select: { key: true } })) !== null;
}
