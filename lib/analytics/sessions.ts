// Sessions (Helicone-Session-Id/-Path/-Name): the list, and one session as a tree of its paths.
import { type Db, db as defaultDb } from "../db/client";
import type { Window } from "./time-range";

export interface SessionSummary {
  sessionId: string;
  name: string | null;
  requests: number;
  spendNano: bigint;
  startedAt: Date;
  endedAt: Date;
}

export async function listSessions(workspaceId: string, window: Window, take = 200, db: Db = defaultDb()): Promise<SessionSummary[]> {
  const rows = await db.request.groupBy({
    by: ["sessionId"],
    where: { workspaceId, createdAt: { gte: window.from, lt: window.to }, sessionId: { not: null } },
    _count: { _all: true },
    _sum: { costNanoUsd: true },
    _min: { createdAt: true },
    _max: { createdAt: true, sessionName: true },
  });
  return rows
    .map((r) => ({ sessionId: r.sessionId!, name: r._max.sessionName, requests: r._count._all, spendNano: r._sum.costNanoUsd ?? 0n, startedAt: r._min.createdAt!, endedAt: r._max.createdAt! }))
    .sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime())
    .slice(0, take);
}

export interface SessionNode {
  /** The path up to this node, e.g. /research/step-1. */
  path: string;
  segment: string;
  /** Requests logged exactly at this path. */
  requestIds: string[];
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
    select: { id: true, sessionPath: true, sessionName: true, costNanoUsd: true, latencyMs: true, createdAt: true },
  });
  if (rows.length === 0) return null;
  const root: SessionNode = { path: "/", segment: "/", requestIds: [], requests: 0, spendNano: 0n, latencyMs: 0, children: [] };
  for (const r of rows) {
    const segments = (r.sessionPath ?? "/").split("/").filter(Boolean);
    let node = root;
    const chain = [root];
    for (const [i, segment] of segments.entries()) {
      let child = node.children.find((c) => c.segment === segment);
      if (!child) {
        child = { path: `/${segments.slice(0, i + 1).join("/")}`, segment, requestIds: [], requests: 0, spendNano: 0n, latencyMs: 0, children: [] };
        node.children.push(child);
      }
      node = child;
      chain.push(node);
    }
    node.requestIds.push(r.id);
    for (const n of chain) {
      n.requests++;
      n.spendNano += r.costNanoUsd ?? 0n;
      n.latencyMs += r.latencyMs;
    }
  }
  return { name: rows.find((r) => r.sessionName)?.sessionName ?? null, startedAt: rows[0]!.createdAt, endedAt: rows.at(-1)!.createdAt, root };
}

/** Whether the workspace has a request in this session. */
export async function sessionExists(workspaceId: string, sessionId: string, db: Db = defaultDb()): Promise<boolean> {
  return (await db.request.findFirst({ where: { workspaceId, sessionId }, select: { id: true } })) !== null;
}
