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
