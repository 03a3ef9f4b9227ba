// Property keys and values seen in a workspace, for filter pickers.
import { type Db, db as defaultDb, dialectOf } from "../db/client";
import { sql, toBigInt } from "./sql";
import type { Window } from "./time-range";

/** Keys used in the window, most used first. */
export async function propertyKeys(workspaceId: string, window: Window, db: Db = defaultDb()): Promise<string[]> {
  const rows = await db.requestProperty.groupBy({ by: ["key"], where: { workspaceId, createdAt: { gte: window.from, lt: window.to } }, _count: { _all: true } });
  return rows.sort((a, b) => b._count._all - a._count._all).map((r) => r.key);
}

export interface PropertyKeySummary {
  key: string;
  requests: number;
  values: number;
}

/** Every key in the window with how many requests carry it and how many values it takes. */
export async function propertyKeySummaries(workspaceId: string, window: Window, db: Db = defaultDb()): Promise<PropertyKeySummary[]> {
  const q = sql(dialectOf(db));
  const text = `SELECT p."key" AS k, COUNT(*) AS n, COUNT(DISTINCT p."value") AS v FROM "RequestProperty" p WHERE p."workspaceId" = ${q.param(workspaceId)} AND ${q.within(`p."createdAt"`, window)} GROUP BY p."key"`;
  const rows = await db.$queryRawUnsafe<{ k: string; n: unknown; v: unknown }[]>(text, ...q.params);
  return rows.map((r) => ({ key: r.k, requests: Number(r.n), values: Number(r.v) })).sort((a, b) => b.requests - a.requests);
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
  const text = `SELECT p."value" AS val, COUNT(*) AS n, SUM(r."costNanoUsd") AS spend, AVG(r."latencyMs") AS latency,
      AVG(COALESCE(r."promptTokens", 0) + COALESCE(r."completionTokens", 0)) AS tokens
    FROM "RequestProperty" p JOIN "Request" r ON r."id" = p."requestId"
    WHERE p."workspaceId" = ${q.param(workspaceId)} AND p."key" = ${q.param(key.toLowerCase())} AND ${q.within(`p."createdAt"`, window)}
    GROUP BY p."value"`;
  const rows = await db.$queryRawUnsafe<{ val: string; n: unknown; spend: unknown; latency: unknown; tokens: unknown }[]>(text, ...q.params);
  return rows
    .map((r) => ({ value: r.val, requests: Number(r.n), spendNano: toBigInt(r.spend), avgLatencyMs: Number(r.latency ?? 0), avgTokens: Number(r.tokens ?? 0) }))
    .sort((a, b) => (b.spendNano > a.spendNano ? 1 : b.spendNano < a.spendNano ? -1 : b.requests - a.requests));
}
