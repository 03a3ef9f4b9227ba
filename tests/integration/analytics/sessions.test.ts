import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSessions, sessionTree } from "@/lib/analytics/sessions";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

describe.each(DATABASE_KINDS)("sessions on %s", (kind) => {
  let t: TestDatabase;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await findOrCreateWorkspace("w", "W", t.db)).id;
    const rows = [
      { s: "s1", path: "/research", cost: 100n, latency: 10, at: "2026-11-10T10:00:00Z" },
      { s: "s1", path: "/research/step-1", cost: 200n, latency: 20, at: "2026-11-10T10:01:00Z" },
      { s: "s1", path: "/research/step-2", cost: 300n, latency: 30, at: "2026-11-10T10:02:00Z" },
      { s: "s1", path: "/summarize", cost: 400n, latency: 40, at: "2026-11-10T10:03:00Z" },
      { s: "s2", path: null, cost: 5n, latency: 5, at: "2026-11-11T09:00:00Z" },
      { s: null, path: null, cost: 1n, latency: 1, at: "2026-11-11T09:00:00Z" },
    ];
    for (const r of rows) {
      await t.db.request.create({
        data: { id: randomUUID(), workspaceId: ws, createdAt: new Date(r.at), provider: "x", modelRequested: "m", path: "/v1/chat/completions", status: 200, latencyMs: r.latency, costNanoUsd: r.cost, sessionId: r.s, sessionPath: r.path, sessionName: r.s === "s1" ? "Research run" : null },
      });
    }
  });
  afterAll(() => t?.drop());

  it("lists sessions, newest first, with their totals", async () => {
    const window = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2027-01-01T00:00:00Z") };
    const { sessions, total } = await listSessions(ws, window, {}, t.db);
    expect(total).toBe(2);
    expect(sessions.map((s) => [s.sessionId, s.name, s.requests, s.spendNano])).toEqual([
      ["s2", null, 1, 5n],
      ["s1", "Research run", 4, 1000n],
    ]);
    const ids = async (options: Parameters<typeof listSessions>[2]) => (await listSessions(ws, window, options, t.db)).sessions.map((s) => s.sessionId);
    expect(await ids({ sort: "spend" })).toEqual(["s1", "s2"]);
    expect(await ids({ sort: "oldest" })).toEqual(["s1", "s2"]);
    expect(await ids({ sort: "requests", pageSize: 1, page: 2 })).toEqual(["s2"]);
    // Searched by id or name.
    expect(await listSessions(ws, window, { search: "Research" }, t.db)).toMatchObject({ total: 1, sessions: [{ sessionId: "s1" }] });
    expect(await listSessions(ws, window, { search: "s2" }, t.db)).toMatchObject({ total: 1, sessions: [{ sessionId: "s2" }] });
  });

  it("arranges a session's requests by path with totals per branch", async () => {
    const tree = await sessionTree(ws, "s1", t.db);
    expect(tree?.name).toBe("Research run");
    const root = tree!.root;
    expect([root.requests, root.spendNano, root.latencyMs]).toEqual([4, 1000n, 100]);
    const research = root.children.find((c) => c.segment === "research")!;
    expect([research.path, research.requests, research.spendNano, research.calls.length]).toEqual(["/research", 3, 600n, 1]);
    expect(research.calls[0]).toMatchObject({ latencyMs: 10, status: 200, model: "m", costNanoUsd: 100n });
    // It ends when its last answer does.
    expect(tree!.endedAt.toISOString()).toBe("2026-11-10T10:03:00.040Z");
    expect(research.children.map((c) => [c.path, c.spendNano])).toEqual([
      ["/research/step-1", 200n],
      ["/research/step-2", 300n],
    ]);
    expect(await sessionTree(ws, "nope", t.db)).toBeNull();
  });
});
