// Totals of exactly the requests a filter selects: what the stats strip above every filtered view
// shows and what GET /api/v1/requests/stats returns, from one function so they always agree.
// It reads the same Prisma filter as the request list (requests.ts), so a total and the rows it
// sums can never disagree either.
import { type Db, db as defaultDb } from "../db/client";
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
  const [totals, errors, unpriced, hits, lookups] = await Promise.all([
    db.request.aggregate({ where, _count: { _all: true }, _sum: { costNanoUsd: true, promptTokens: true, completionTokens: true, costSavedNanoUsd: true }, _avg: { latencyMs: true, timeToFirstTokenMs: true } }),
    db.request.count({ where: { AND: [where, { status: { gte: 400 } }] } }),
    db.request.count({ where: { AND: [where, { costNanoUsd: null }] } }),
    db.request.count({ where: { AND: [where, { cacheStatus: "HIT" }] } }),
    db.request.count({ where: { AND: [where, { cacheStatus: { not: null } }] } }),
  ]);
  const requests = totals._count._all;
  // Nearest rank: the ceil(0.95 n)-th smallest latency.
  const p95 = requests ? await db.request.findFirst({ where, orderBy: [{ latencyMs: "asc" }, { id: "asc" }], skip: Math.ceil(0.95 * requests) - 1, select: { latencyMs: true } }) : null;
  return {
    requests,
    spendNano: totals._sum.costNanoUsd ?? 0n,
    unpricedRequests: unpriced,
    promptTokens: totals._sum.promptTokens ?? 0,
    completionTokens: totals._sum.completionTokens ?? 0,
    avgLatencyMs: totals._avg.latencyMs,
    p95LatencyMs: p95?.latencyMs ?? null,
    avgTtftMs: totals._avg.timeToFirstTokenMs,
    errors,
    errorRate: requests ? errors / requests : null,
    cacheHits: hits,
    cacheLookups: lookups,
    cacheHitRate: lookups ? hits / lookups : null,
    savedNano: totals._sum.costSavedNanoUsd ?? 0n,
  };
}

/** The stats as the API returns them: dollars as numbers, like the request list's costUsd. */
export function statsToApi(stats: RequestStats) {
  const { spendNano, savedNano, ...rest } = stats;
  return { ...rest, spendUsd: Number(spendNano) / 1e9, savedUsd: Number(savedNano) / 1e9 };
}
