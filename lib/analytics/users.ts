// Per-user analytics: what each user costs and how their requests fare. Raw SQL over the
// (workspaceId, createdAt, userId, latencyMs, costNanoUsd, status) index, sorted and cut in the
// database: a workspace may have many thousands of end users.
import { type Db, db as defaultDb, dialectOf } from "../db/client";
import { likeContains, sql, toBigInt } from "./sql";
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

const ORDER: Record<UserSort, string> = {
  spend: `COALESCE(SUM(r."costNanoUsd"), 0)`,
  requests: `COUNT(*)`,
  latency: `AVG(r."latencyMs")`,
  errors: `SUM(CASE WHEN r."status" >= 400 THEN 1 ELSE 0 END) * 1.0 / COUNT(*)`,
  lastSeen: `MAX(r."createdAt")`,
};

export interface UserOptions {
  search?: string;
  sort?: UserSort;
  userId?: string;
  /** At most this many users, the first by the sort (default 100). */
  limit?: number;
}

function usersWhere(q: ReturnType<typeof sql>, workspaceId: string, window: Window, options: UserOptions) {
  return `r."workspaceId" = ${q.param(workspaceId)} AND ${q.within(`r."createdAt"`, window)} AND r."userId" IS NOT NULL${
    options.userId !== undefined ? ` AND r."userId" = ${q.param(options.userId)}` : options.search ? ` AND LOWER(r."userId") LIKE ${q.param(likeContains(options.search.toLowerCase()))} ESCAPE '\\'` : ""
  }`;
}

export async function userSummaries(workspaceId: string, window: Window, options: UserOptions = {}, db: Db = defaultDb()): Promise<UserSummary[]> {
  const q = sql(dialectOf(db));
  const text = `SELECT r."userId" AS u, COUNT(*) AS n, SUM(r."costNanoUsd") AS spend, AVG(r."latencyMs") AS lat, SUM(CASE WHEN r."status" >= 400 THEN 1 ELSE 0 END) AS errors,
      MIN(r."createdAt") AS first, MAX(r."createdAt") AS last
    FROM "Request" r WHERE ${usersWhere(q, workspaceId, window, options)}
    GROUP BY r."userId" ORDER BY ${ORDER[options.sort ?? "spend"]} DESC, r."userId" LIMIT ${Math.max(1, Math.min(options.limit ?? 100, 1000))}`;
  const rows = await db.$queryRawUnsafe<{ u: string; n: unknown; spend: unknown; lat: unknown; errors: unknown; first: unknown; last: unknown }[]>(text, ...q.params);
  const models = await modelsOf(db, workspaceId, window, rows.map((r) => r.u));
  return rows.map((r) => ({
    userId: r.u,
    requests: Number(r.n),
    spendNano: toBigInt(r.spend),
    avgLatencyMs: Number(r.lat),
    errorRate: Number(r.errors) / Number(r.n),
    firstSeen: new Date(r.first as string | Date),
    lastSeen: new Date(r.last as string | Date),
    models: models.get(r.u) ?? [],
  }));
}

/** How many users match, for "showing 100 of 5,006". */
export async function countUsers(workspaceId: string, window: Window, options: UserOptions = {}, db: Db = defaultDb()): Promise<number> {
  const q = sql(dialectOf(db));
  const [row] = await db.$queryRawUnsafe<{ n: unknown }[]>(`SELECT COUNT(DISTINCT r."userId") AS n FROM "Request" r WHERE ${usersWhere(q, workspaceId, window, options)}`, ...q.params);
  return Number(row?.n ?? 0);
}

async function modelsOf(db: Db, workspaceId: string, window: Window, userIds: string[]) {
  const byUser = new Map<string, { model: string; requests: number }[]>();
  if (userIds.length === 0) return byUser;
  const q = sql(dialectOf(db));
  const text = `SELECT r."userId" AS u, COALESCE(r."modelServed", r."modelRequested") AS m, COUNT(*) AS n FROM "Request" r
    WHERE r."workspaceId" = ${q.param(workspaceId)} AND r."userId" IN (${userIds.map((u) => q.param(u)).join(", ")}) AND ${q.within(`r."createdAt"`, window)}
    GROUP BY 1, 2`;
  for (const r of await db.$queryRawUnsafe<{ u: string; m: string; n: unknown }[]>(text, ...q.params)) {
    byUser.set(r.u, [...(byUser.get(r.u) ?? []), { model: r.m, requests: Number(r.n) }]);
  }
  for (const list of byUser.values()) list.sort((a, b) => b.requests - a.requests || a.model.localeCompare(b.model));
  return byUser;
}

/** Whether the workspace has ever logged a request from this user (its page is found, even when a window is empty). */
export async function userExists(workspaceId: string, userId: string, db: Db = defaultDb()): Promise<boolean> {
  return (await db.request.findFirst({ where: { workspaceId, userId }, select: { id: true } })) !== null;
}
