// Per-user analytics: what each user costs and how their requests fare, sorted and cut in the
// database (a workspace may have many thousands of end users). Whole days come from the daily
// per-user rollup, the partial days at the window's edges from the rows (facts.ts).
import { type Db, db as defaultDb, dialectOf } from "../db/client";
import { userFacts, userModelFacts } from "./facts";
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
  spend: `SUM(f.spend)`,
  requests: `SUM(f.n)`,
  latency: `SUM(f.lat) * 1.0 / SUM(f.n)`,
  errors: `SUM(f.errors) * 1.0 / SUM(f.n)`,
  lastSeen: `MAX(f.last)`,
};

export interface UserOptions {
  search?: string;
  sort?: UserSort;
  userId?: string;
  /** At most this many users, the first by the sort (default 100). */
  limit?: number;
}

/** The users' facts, narrowed to one user or to ids containing the search text. */
function usersFrom(q: ReturnType<typeof sql>, workspaceId: string, window: Window, options: UserOptions) {
  const facts = userFacts(q, { workspaceId, userId: options.userId }, window);
  return options.userId === undefined && options.search ? `${facts} WHERE LOWER(f.u) LIKE ${q.param(likeContains(options.search.toLowerCase()))} ESCAPE '\\'` : facts;
}

/** The first users by the sort, and how many match in all ("showing 100 of 5,006"), from one pass over the facts. */
export async function userSummaries(workspaceId: string, window: Window, options: UserOptions = {}, db: Db = defaultDb()): Promise<{ users: UserSummary[]; total: number }> {
  const q = sql(dialectOf(db));
  // COUNT(*) OVER () counts the groups before LIMIT cuts them: the total without a second pass.
  const text = `SELECT f.u AS u, SUM(f.n) AS n, SUM(f.spend) AS spend, SUM(f.lat) * 1.0 / SUM(f.n) AS lat, SUM(f.errors) AS errors, MIN(f.first) AS first, MAX(f.last) AS last, COUNT(*) OVER () AS total
    FROM ${usersFrom(q, workspaceId, window, options)}
    GROUP BY f.u ORDER BY ${ORDER[options.sort ?? "spend"]} DESC, f.u LIMIT ${Math.max(1, Math.min(options.limit ?? 100, 1000))}`;
  const rows = await db.$queryRawUnsafe<{ u: string; n: unknown; spend: unknown; lat: unknown; errors: unknown; first: unknown; last: unknown; total: unknown }[]>(text, ...q.params);
  const models = await modelsOf(db, workspaceId, window, rows.map((r) => r.u));
  const users = rows.map((r) => ({
    userId: r.u,
    requests: Number(r.n),
    spendNano: toBigInt(r.spend),
    avgLatencyMs: Number(r.lat),
    errorRate: Number(r.errors) / Number(r.n),
    firstSeen: new Date(r.first as string | Date),
    lastSeen: new Date(r.last as string | Date),
    models: models.get(r.u) ?? [],
  }));
  return { users, total: Number(rows[0]?.total ?? 0) };
}

async function modelsOf(db: Db, workspaceId: string, window: Window, userIds: string[]) {
  const byUser = new Map<string, { model: string; requests: number }[]>();
  if (userIds.length === 0) return byUser;
  const q = sql(dialectOf(db));
  const text = `SELECT f.u AS u, f.m AS m, SUM(f.n) AS n FROM ${userModelFacts(q, workspaceId, window, userIds)} GROUP BY 1, 2`;
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
