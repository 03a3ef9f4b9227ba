// Per-user analytics: what each user costs and how their requests fare.
import { type Db, db as defaultDb } from "../db/client";
import type { Window } from "./time-range";

export interface UserSummary {
  userId: string;
  requests: number;
  spendNano: bigint;
  avgLatencyMs: number;
  errorRate: number;
  firstSeen: Date;
  lastSeen: Date;
  /** Requests per model, most used first. */
  models: { model: string; requests: number }[];
}

export const USER_SORTS = ["spend", "requests", "latency", "errors", "lastSeen"] as const;
export type UserSort = (typeof USER_SORTS)[number];

const compare: Record<UserSort, (a: UserSummary, b: UserSummary) => number> = {
  spend: (a, b) => (b.spendNano > a.spendNano ? 1 : b.spendNano < a.spendNano ? -1 : 0),
  requests: (a, b) => b.requests - a.requests,
  latency: (a, b) => b.avgLatencyMs - a.avgLatencyMs,
  errors: (a, b) => b.errorRate - a.errorRate,
  lastSeen: (a, b) => b.lastSeen.getTime() - a.lastSeen.getTime(),
};

export async function userSummaries(workspaceId: string, window: Window, options: { search?: string; sort?: UserSort; userId?: string } = {}, db: Db = defaultDb()): Promise<UserSummary[]> {
  const where = {
    workspaceId,
    createdAt: { gte: window.from, lt: window.to },
    userId: options.userId ? options.userId : options.search ? { contains: options.search } : { not: null },
  };
  const [totals, errors, models] = await Promise.all([
    db.request.groupBy({ by: ["userId"], where, _count: { _all: true }, _sum: { costNanoUsd: true }, _avg: { latencyMs: true }, _min: { createdAt: true }, _max: { createdAt: true } }),
    db.request.groupBy({ by: ["userId"], where: { ...where, status: { gte: 400 } }, _count: { _all: true } }),
    db.request.groupBy({ by: ["userId", "modelRequested"], where, _count: { _all: true } }),
  ]);
  const errorsBy = new Map(errors.map((e) => [e.userId, e._count._all]));
  const modelsBy = new Map<string, { model: string; requests: number }[]>();
  for (const m of models) {
    const list = modelsBy.get(m.userId!) ?? [];
    list.push({ model: m.modelRequested, requests: m._count._all });
    modelsBy.set(m.userId!, list);
  }
  return totals
    .map((t) => ({
      userId: t.userId!,
      requests: t._count._all,
      spendNano: t._sum.costNanoUsd ?? 0n,
      avgLatencyMs: t._avg.latencyMs ?? 0,
      errorRate: (errorsBy.get(t.userId) ?? 0) / t._count._all,
      firstSeen: t._min.createdAt!,
      lastSeen: t._max.createdAt!,
      models: (modelsBy.get(t.userId!) ?? []).sort((a, b) => b.requests - a.requests),
    }))
    .sort(compare[options.sort ?? "spend"]);
}
