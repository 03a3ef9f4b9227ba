// Totals of exactly the requests a filter selects: what the stats strip above every filtered view
// shows and what GET /api/v1/requests/stats returns, from one function so they always agree.
// It reads the same Prisma filter as the request list (requests.ts), so a total and the rows it
// sums can never disagree either.
import { type Db, db as defaultDb } from "../db/client";
import { percentileOf } from "./latency";
import type { RequestQuery } from "./request-query";
import { requestWhere } from "./requests";

export interface RequestStats {
  requests: number;
  /** Sum of priced requests; unpriced ones are counted apart, never as $0. */
  spendNano: bigint;
  unpricedRequests: number;
  promptTokens: number;
  completionTokens: number;
  avgLatencyMs: number | null;
  /** Exact: the latency 95% of the selected requests do not exceed (nearest rank). */
  p95LatencyMs: number | null;
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

export async function requestStats(workspaceId: string, q: RequestQuery, db: Db = defaultDb()): Promise<RequestStats> {
  const where = requestWhere(workspaceId, unpaged(q));
  // One pass over the selected rows: groups by status, cache outcome and latency carry every sum
  // and count, and the latency counts give the exact p95 without a second pass that sorts rows.
  const groups = await db.request.groupBy({
    by: ["status", "cacheStatus", "latencyMs"],
    where,
    _count: { _all: true, costNanoUsd: true, timeToFirstTokenMs: true },
    _sum: { costNanoUsd: true, promptTokens: true, completionTokens: true, costSavedNanoUsd: true, timeToFirstTokenMs: true },
  });
  let requests = 0;
  let priced = 0;
  let errors = 0;
  let cacheHits = 0;
  let cacheLookups = 0;
  let timed = 0;
  let latencySum = 0;
  let ttftSum = 0;
  let promptTokens = 0;
  let completionTokens = 0;
  let spendNano = 0n;
  let savedNano = 0n;
  const latencies = new Map<number, number>();
  for (const g of groups) {
    const n = g._count._all;
    requests += n;
    priced += g._count.costNanoUsd;
    timed += g._count.timeToFirstTokenMs;
    if (g.status >= 400) errors += n;
    if (g.cacheStatus === "HIT") cacheHits += n;
    if (g.cacheStatus !== null) cacheLookups += n;
    latencySum += g.latencyMs * n;
    latencies.set(g.latencyMs, (latencies.get(g.latencyMs) ?? 0) + n);
    ttftSum += g._sum.timeToFirstTokenMs ?? 0;
    promptTokens += g._sum.promptTokens ?? 0;
    completionTokens += g._sum.completionTokens ?? 0;
    spendNano += g._sum.costNanoUsd ?? 0n;
    savedNano += g._sum.costSavedNanoUsd ?? 0n;
  }
  const p95 = requests ? percentileOf([...latencies].sort(([a], [b]) => a - b), requests, 95) : null;
  return {
    requests,
    spendNano,
    unpricedRequests: requests - priced,
    promptTokens,
    completionTokens,
    avgLatencyMs: requests ? latencySum / requests : null,
    p95LatencyMs: p95,
    avgTtftMs: timed ? ttftSum / timed : null,
    errors,
    errorRate: requests ? errors / requests : null,
    cacheHits,
    cacheLookups,
    cacheHitRate: cacheLookups ? cacheHits / cacheLookups : null,
    savedNano,
  };
}

/** The stats as the API returns them: dollars as numbers, like the request list's costUsd. */
export function statsToApi(stats: RequestStats) {
  const { spendNano, savedNano, ...rest } = stats;
  return { ...rest, spendUsd: Number(spendNano) / 1e9, savedUsd: Number(savedNano) / 1e9 };
}
