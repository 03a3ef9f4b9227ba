// Sessions (Helicone-Session-Id/-Path/-Name): the list, and one session as a tree of its paths.
import { type Db, db as defaultDb, dialectOf } from "../db/client";
import { sql, toBigInt } from "./sql";
import type { Window } from "./time-range";

export interface SessionSummary {
  sessionId: string;
  name: string | null;
  requests: number;
  spendNano: bigint;
  startedAt: Date;
  endedAt: Date;
}

export const SESSION_SORTS = { recent: "Most recent", oldest: "Oldest", requests: "Most requests", spend: "Most spend" } as const;
export type SessionSort = keyof typeof SESSION_SORTS;

export interface SessionListOptions {
  /** Sessions whose id or name contains this. */
  search?: string;
  sort?: SessionSort;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

const ORDER: Record<SessionSort, string> = {
  recent: `MAX(r."createdAt") DESC`,
  oldest: `MIN(r."createdAt") ASC`,
  requests: `COUNT(*) DESC`,
  spend: `SUM(COALESCE(r."costNanoUsd", 0)) DESC`,
};

/**
 * The window's sessions matching the search: WHERE text for the Request table `r`. The search is
 * matched as Prisma's `contains` matches it (requests.ts filters by it the same way), so the
 * list and the totals above it count the same sessions.
 */
function sessionsWhere(q: ReturnType<typeof sql>, workspaceId: string, window: Window, search?: string): string {
  let where = `r."workspaceId" = ${q.param(workspaceId)} AND ${q.within(`r."createdAt"`, window)} AND r."sessionId" IS NOT NULL`;
  if (search) where += ` AND (r."sessionId" LIKE ${q.param(`%${search}%`)} OR r."sessionName" LIKE ${q.param(`%${search}%`)})`;
  return where;
}

/** One page of the window's sessions, and how many there are in all. */
export async function listSessions(workspaceId: string, window: Window, options: SessionListOptions = {}, db: Db = defaultDb()): Promise<{ sessions: SessionSummary[]; total: number }> {
  const { search, sort = "recent", page = 1, pageSize = 50 } = options;
  const dialect = dialectOf(db);
  const list = sql(dialect);
  const listText = `SELECT r."sessionId" AS id, MAX(r."sessionName") AS name, COUNT(*) AS n, SUM(COALESCE(r."costNanoUsd", 0)) AS spend, MIN(r."createdAt") AS started, MAX(r."createdAt") AS ended
    FROM "Request" r WHERE ${sessionsWhere(list, workspaceId, window, search)} GROUP BY r."sessionId" ORDER BY ${ORDER[sort]}, r."sessionId" ASC LIMIT ${Number(pageSize)} OFFSET ${(page - 1) * pageSize}`;
  const count = sql(dialect);
  const countText = `SELECT COUNT(DISTINCT r."sessionId") AS n FROM "Request" r WHERE ${sessionsWhere(count, workspaceId, window, search)}`;
  const [rows, [counted]] = await Promise.all([
    db.$queryRawUnsafe<{ id: string; name: string | null; n: unknown; spend: unknown; started: unknown; ended: unknown }[]>(listText, ...list.params),
    db.$queryRawUnsafe<{ n: unknown }[]>(countText, ...count.params),
  ]);
  const sessions = rows.map((r) => ({ sessionId: r.id, name: r.name, requests: Number(r.n), spendNano: toBigInt(r.spend), startedAt: new Date(r.started as string), endedAt: new Date(r.ended as string) }));
  return { sessions, total: Number(counted?.n ?? 0) };
}

/** One request of a session, as its timeline draws it. */
export interface SessionCall {
  id: string;
  createdAt: Date;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  status: number;
  provider: string;
  /** The model that served the call (the one asked for when none is known). */
  model: string;
  costNanoUsd: bigint | null;
}

export interface SessionNode {
  /** The path up to this node, e.g. /research/step-1. */
  path: string;
  segment: string;
  /** Requests logged exactly at this path, in time order. */
  calls: SessionCall[];
  /** Totals for this node and everything below it. */
  requests: number;
  spendNano: bigint;
  latencyMs: number;
  children: SessionNode[];
}

/** The session's requests arranged by Helicone-Session-Path; null when the session is unknown. */
export async function sessionTree(workspaceId: string, sessionId: string, db: Db = defaultDb()) {
  const rows = await db.request.findMany({
    where: { workspaceId, sessionId },
    orderBy: { createdAt: "asc" },
    select: { id: true, sessionPath: true, sessionName: true, costNanoUsd: true, latencyMs: true, createdAt: true, timeToFirstTokenMs: true, status: true, provider: true, modelRequested: true, modelServed: true },
  });
  if (rows.length === 0) return null;
  const root: SessionNode = { path: "/", segment: "/", calls: [], requests: 0, spendNano: 0n, latencyMs: 0, children: [] };
  for (const r of rows) {
    const segments = (r.sessionPath ?? "/").split("/").filter(Boolean);
    let node = root;
    const chain = [root];
    for (const [i, segment] of segments.entries()) {
      let child = node.children.find((c) => c.segment === segment);
      if (!child) {
        child = { path: `/${segments.slice(0, i + 1).join("/")}`, segment, calls: [], requests: 0, spendNano: 0n, latencyMs: 0, children: [] };
        node.children.push(child);
      }
      node = child;
      chain.push(node);
    }
    node.calls.push({ id: r.id, createdAt: r.createdAt, latencyMs: r.latencyMs, timeToFirstTokenMs: r.timeToFirstTokenMs, status: r.status, provider: r.provider, model: r.modelServed ?? r.modelRequested, costNanoUsd: r.costNanoUsd });
    for (const n of chain) {
      n.requests++;
      n.spendNano += r.costNanoUsd ?? 0n;
      n.latencyMs += r.latencyMs;
    }
  }
  // The session ends when its last answer does, not when its last request started.
  const endedAt = new Date(Math.max(...rows.map((r) => r.createdAt.getTime() + r.latencyMs)));
  return { name: rows.find((r) => r.sessionName)?.sessionName ?? null, startedAt: rows[0]!.createdAt, endedAt, root };
}

/** Whether the workspace has a request in this session. */
export async function sessionExists(workspaceId: string, sessionId: string, db: Db = defaultDb()): Promise<boolean> {
  return (await db.request.findFirst({ where: { workspaceId, sessionId }, select: { id: true } })) !== null;
}
