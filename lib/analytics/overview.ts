// The overview page's numbers. Every query is scoped to one workspace.
import { db as defaultDb, type Db } from "../db/client";

export interface OverviewTotals {
  requests: number;
  errors: number;
  spendNano: bigint;
  avgLatencyMs: number | null;
}

export async function overviewTotals(workspaceId: string, since: Date, db: Db = defaultDb()): Promise<OverviewTotals> {
  const where = { workspaceId, createdAt: { gte: since } };
  const [all, errors] = await Promise.all([
    db.request.aggregate({ where, _count: { _all: true }, _sum: { costNanoUsd: true }, _avg: { latencyMs: true } }),
    db.request.count({ where: { ...where, status: { gte: 400 } } }),
  ]);
  return {
    requests: all._count._all,
    errors,
    spendNano: all._sum.costNanoUsd ?? 0n,
    avgLatencyMs: all._avg.latencyMs,
  };
}

/** Spend and volume per requested model, most expensive first. */
export async function costByModel(workspaceId: string, since: Date, db: Db = defaultDb()) {
  const rows = await db.request.groupBy({
    by: ["provider", "modelRequested"],
    where: { workspaceId, createdAt: { gte: since } },
    _count: { _all: true },
    _sum: { costNanoUsd: true },
  });
  return rows
    .map((r) => ({ provider: r.provider, model: r.modelRequested, requests: r._count._all, spendNano: r._sum.costNanoUsd ?? 0n }))
    .sort((a, b) => (b.spendNano > a.spendNano ? 1 : b.spendNano < a.spendNano ? -1 : b.requests - a.requests));
}

export function recentRequests(workspaceId: string, take = 20, db: Db = defaultDb()) {
  return db.request.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      createdAt: true,
      status: true,
      provider: true,
      modelRequested: true,
      userId: true,
      promptTokens: true,
      completionTokens: true,
      costNanoUsd: true,
      latencyMs: true,
      properties: { select: { key: true, value: true } },
    },
  });
}
