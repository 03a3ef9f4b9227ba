// Totals of exactly the requests a filter selects: what the stats strip above every filtered view
// shows and what GET /api/v1/requests/stats returns, from one function so they always agree.
// A window with at most one property (or one value of it) is read from the hourly rollups: exact
// sums and a p95 within the histograms' bound, over any range, for the rows retention has kept.
// Any other filter reads the rows through the request list's own Prisma filter (requests.ts).
// Either way the totals and the rows the list pages through never disagree.
import { type Db, db as defaultDb, dialectOf } from "../db/client";
import { LATENCY_ERROR, bucketLatency } from "../db/latency-buckets";
import { type PropertyValue, latencyFacts, stripFacts } from "./facts";
import { percentileOf } from "./latency";
import type { RequestQuery } from "./request-query";
import { requestWhere } from "./requests";
import { sql, toBigInt } from "./sql";
import type { Window } from "./time-range";

export interface RequestStats {
  requests: number;
  /** Sum of priced requests; unpriced ones are counted apart, never as $0. */
  spendNano: bigint;
  unpricedRequests: number;
  promptTokens: number;
  completionTokens: number;
  avgLatencyMs: number | null;
  /** The latency 95% of the selected requests do not exceed (nearest rank), within p95Error. */
  p95LatencyMs: number | null;
  /** The relative error bound of p95LatencyMs: 0 when ranked from the rows, the histograms' bound when read from the rollups. */
  p95Error: number;
  /** Over streamed requests, the only ones with a first token to time. */
  avgTtftMs: number | null;
  errors: number;
  errorRate: number | null;
  /** Among requests that asked for caching. */
  cacheHits: number;
  cacheLookups: number;
  cacheHitRate: number | null;
  savedNano: bigint;
}

/** The filters of a query without its page: no cursor, sort or limit. */
const unpaged = (q: RequestQuery): RequestQuery => ({ ...q, cursor: undefined, sort: "time", dir: "desc" });

/** Sums over the selected requests, from the rows or from the rollups. */
interface Sums {
  requests: number;
  unpriced: number;
  errors: number;
  cacheHits: number;
  cacheMisses: number;
  timed: number;
  latencySum: number;
  ttftSum: number;
  promptTokens: number;
  completionTokens: number;
  spendNano: bigint;
  savedNano: bigint;
}

const NO_SUMS: Readonly<Sums> = { requests: 0, unpriced: 0, errors: 0, cacheHits: 0, cacheMisses: 0, timed: 0, latencySum: 0, ttftSum: 0, promptTokens: 0, completionTokens: 0, spendNano: 0n, savedNano: 0n };

export async function requestStats(workspaceId: string, q: RequestQuery, db: Db = defaultDb()): Promise<RequestStats> {
  const selection = rollupSelection(q);
  return selection ? statsFromRollups(workspaceId, selection, db) : statsFromRows(workspaceId, q, db);
}

/** A property condition the rollups answer: one value (`eq`), or any value (`contains ""`, a property's own page). */
function rollupProperty(c: RequestQuery["properties"][number]): PropertyValue | null {
  if (c.op === "eq") return { key: c.key.toLowerCase(), value: c.value };
  if (c.op === "contains" && c.value === "") return { key: c.key.toLowerCase() };
  return null;
}

/**
 * A window, and at most one property (or one value of it), and nothing else: what the rollups
 * hold, so the strip over any range reads a few rows per hour instead of every request. Other
 * filters read the rows.
 */
function rollupSelection(q: RequestQuery): { window: Window; property?: PropertyValue } | null {
  const { from, to, properties, sort: _sort, dir: _dir, nulls: _nulls, limit: _limit, cursor: _cursor, ...filters } = q;
  if (!from || Object.values(filters).some((v) => v !== undefined) || properties.length > 1) return null;
  if (properties.length === 0) return { window: { from, to: to ?? OPEN_END } };
  const property = rollupProperty(properties[0]!);
  return property && { window: { from, to: to ?? OPEN_END }, property };
}

/** A window without an end ("last 30 days", live) reaches every row, as the list's does. */
const OPEN_END = new Date("9999-12-31T00:00:00Z");

/**
 * Sums from the hourly rollups and the edge rows; the p95 from the latency histograms, within their
 * bound. The window starts no earlier than the oldest row kept: retention purges oldest first and
 * the rollups keep what it purged, so this counts exactly the rows the list pages through.
 */
async function statsFromRollups(workspaceId: string, selection: { window: Window; property?: PropertyValue }, db: Db): Promise<RequestStats> {
  const oldest = await db.request.findFirst({ where: { workspaceId }, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  const from = oldest && oldest.createdAt > selection.window.from ? oldest.createdAt : selection.window.from;
  if (!oldest || from >= selection.window.to) return statsOf(NO_SUMS, null, LATENCY_ERROR);
  const window = { from, to: selection.window.to };
  const { property } = selection;
  const dialect = dialectOf(db);
  const sums = sql(dialect);
  const histogram = sql(dialect);
  const [[t], buckets] = await Promise.all([
    db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT SUM(f.n) AS n, SUM(f.unpriced) AS unpriced, SUM(f.errors) AS errors, SUM(f.hits) AS hits, SUM(f.misses) AS misses, SUM(f.ttftn) AS ttftn,
        SUM(f.lat) AS lat, SUM(f.ttft) AS ttft, SUM(f.pt) AS pt, SUM(f.ct) AS ct, SUM(f.spend) AS spend, SUM(f.saved) AS saved
      FROM ${stripFacts(sums, workspaceId, window, property)}`,
      ...sums.params,
    ),
    db.$queryRawUnsafe<{ b: unknown; n: unknown }[]>(`SELECT f.b AS b, SUM(f.n) AS n FROM ${latencyFacts(histogram, workspaceId, window, property)} GROUP BY f.b`, ...histogram.params),
  ]);
  const total: Sums = {
    requests: Number(t?.n ?? 0),
    unpriced: Number(t?.unpriced ?? 0),
    errors: Number(t?.errors ?? 0),
    cacheHits: Number(t?.hits ?? 0),
    cacheMisses: Number(t?.misses ?? 0),
    timed: Number(t?.ttftn ?? 0),
    latencySum: Number(t?.lat ?? 0),
    ttftSum: Number(t?.ttft ?? 0),
    promptTokens: Number(t?.pt ?? 0),
    completionTokens: Number(t?.ct ?? 0),
    spendNano: toBigInt(t?.spend),
    savedNano: toBigInt(t?.saved),
  };
  const latencies = buckets.map((b): [number, number] => [bucketLatency(Number(b.b)), Number(b.n)]).sort(([a], [b]) => a - b);
  const counted = latencies.reduce((n, [, count]) => n + count, 0);
  return statsOf(total, counted ? percentileOf(latencies, counted, 95) : null, LATENCY_ERROR);
}

/** Any other filter: one pass over the selected rows. */
async function statsFromRows(workspaceId: string, q: RequestQuery, db: Db): Promise<RequestStats> {
  const where = requestWhere(workspaceId, unpaged(q));
  // Groups by status, cache outcome and latency carry every sum and count, and the latency counts
  // give the exact p95 without a second pass that sorts rows.
  const groups = await db.request.groupBy({
    by: ["status", "cacheStatus", "latencyMs"],
    where,
    _count: { _all: true, costNanoUsd: true, timeToFirstTokenMs: true },
    _sum: { costNanoUsd: true, promptTokens: true, completionTokens: true, costSavedNanoUsd: true, timeToFirstTokenMs: true },
  });
  const total: Sums = { ...NO_SUMS };
  const latencies = new Map<number, number>();
  for (const g of groups) {
    const n = g._count._all;
    total.requests += n;
    total.unpriced += n - g._count.costNanoUsd;
    total.timed += g._count.timeToFirstTokenMs;
    if (g.status >= 400) total.errors += n;
    if (g.cacheStatus === "HIT") total.cacheHits += n;
    else if (g.cacheStatus !== null) total.cacheMisses += n;
    total.latencySum += g.latencyMs * n;
    latencies.set(g.latencyMs, (latencies.get(g.latencyMs) ?? 0) + n);
    total.ttftSum += g._sum.timeToFirstTokenMs ?? 0;
    total.promptTokens += g._sum.promptTokens ?? 0;
    total.completionTokens += g._sum.completionTokens ?? 0;
    total.spendNano += g._sum.costNanoUsd ?? 0n;
    total.savedNano += g._sum.costSavedNanoUsd ?? 0n;
  }
  const p95 = total.requests ? percentileOf([...latencies].sort(([a], [b]) => a - b), total.requests, 95) : null;
  return statsOf(total, p95, 0);
}

function statsOf(t: Sums, p95LatencyMs: number | null, p95Error: number): RequestStats {
  const lookups = t.cacheHits + t.cacheMisses;
  return {
    requests: t.requests,
    spendNano: t.spendNano,
    unpricedRequests: t.unpriced,
    promptTokens: t.promptTokens,
    completionTokens: t.completionTokens,
    avgLatencyMs: t.requests ? t.latencySum / t.requests : null,
    p95LatencyMs,
    p95Error,
    avgTtftMs: t.timed ? t.ttftSum / t.timed : null,
    errors: t.errors,
    errorRate: t.requests ? t.errors / t.requests : null,
    cacheHits: t.cacheHits,
    cacheLookups: lookups,
    cacheHitRate: lookups ? t.cacheHits / lookups : null,
    savedNano: t.savedNano,
  };
}

/** The stats as the API returns them: dollars as numbers, like the request list's costUsd. */
export function statsToApi(stats: RequestStats) {
  const { spendNano, savedNano, ...rest } = stats;
  return { ...rest, spendUsd: Number(spendNano) / 1e9, savedUsd: Number(savedNano) / 1e9 };
}
