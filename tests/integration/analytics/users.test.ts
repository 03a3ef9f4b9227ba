import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userSummaries } from "@/lib/analytics/users";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { rebuildRollups } from "@/lib/db/rebuild-rollups";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

describe.each(DATABASE_KINDS)("user analytics on %s", (kind) => {
  let t: TestDatabase;
  let ws: string;
  const at = (iso: string) => new Date(iso);

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await findOrCreateWorkspace("w", "W", t.db)).id;
    const rows = [
      { user: "alice", model: "gpt-4o", status: 200, latency: 100, cost: 5_000n, at: "2026-11-10T10:00:00Z" },
      { user: "alice", model: "gpt-4o-mini", status: 200, latency: 300, cost: 1_000n, at: "2026-11-11T10:00:00Z" },
      { user: "alice", model: "gpt-4o", status: 429, latency: 200, cost: 0n, at: "2026-11-12T10:00:00Z" },
      { user: "bob", model: "claude-haiku-4-5", status: 200, latency: 50, cost: 9_000n, at: "2026-11-12T11:00:00Z" },
      { user: null, model: "gpt-4o", status: 200, latency: 10, cost: 1n, at: "2026-11-12T12:00:00Z" },
    ];
    for (const r of rows) {
      await t.db.request.create({ data: { id: randomUUID(), workspaceId: ws, createdAt: at(r.at), provider: "x", modelRequested: r.model, path: "/v1/chat/completions", status: r.status, latencyMs: r.latency, costNanoUsd: r.cost, userId: r.user } });
    }
    await rebuildRollups(t.db); // rows made through Prisma bypass the writer that keeps the rollups
  });
  afterAll(() => t?.drop());

  it("summarises each user: requests, spend, latency, errors, first and last seen, models", async () => {
    const { users } = await userSummaries(ws, { from: at("2026-11-01T00:00:00Z"), to: at("2027-01-01T00:00:00Z") }, {}, t.db);
    expect(users.map((u) => u.userId)).toEqual(["bob", "alice"]); // by spend
    expect(users[1]).toEqual({
      userId: "alice",
      requests: 3,
      spendNano: 6_000n,
      avgLatencyMs: 200,
      errorRate: 1 / 3,
      firstSeen: at("2026-11-10T10:00:00Z"),
      lastSeen: at("2026-11-12T10:00:00Z"),
      models: [
        { model: "gpt-4o", requests: 2 },
        { model: "gpt-4o-mini", requests: 1 },
      ],
    });
  });

  it("counts a user's models over a window cut mid-day: whole days from the rollup, the edges from the rows", async () => {
    const { users } = await userSummaries(ws, { from: at("2026-11-10T12:00:00Z"), to: at("2026-11-12T10:30:00Z") }, { userId: "alice" }, t.db);
    expect(users[0]!.models).toEqual([
      { model: "gpt-4o", requests: 1 }, // 12 Nov 10:00, in the edge after the last whole day
      { model: "gpt-4o-mini", requests: 1 }, // 11 Nov, a whole day
    ]);
  });

  it("sorts, searches and narrows to one user", async () => {
    expect((await userSummaries(ws, { from: at("2026-11-01T00:00:00Z"), to: at("2027-01-01T00:00:00Z") }, { sort: "requests" }, t.db)).users.map((u) => u.userId)).toEqual(["alice", "bob"]);
    expect((await userSummaries(ws, { from: at("2026-11-01T00:00:00Z"), to: at("2027-01-01T00:00:00Z") }, { search: "bo" }, t.db)).users.map((u) => u.userId)).toEqual(["bob"]);
    expect((await userSummaries(ws, { from: at("2026-11-11T12:00:00Z"), to: at("2027-01-01T00:00:00Z") }, { userId: "alice" }, t.db)).users[0]).toMatchObject({ requests: 1, spendNano: 0n });
    const all = { from: at("2026-11-01T00:00:00Z"), to: at("2027-01-01T00:00:00Z") };
    expect(await userSummaries(ws, all, { limit: 1 }, t.db)).toMatchObject({ users: [{ userId: "bob" }], total: 2 }); // the total counts past the limit
    expect((await userSummaries(ws, all, { search: "ALI" }, t.db)).total).toBe(1);
    expect(await userSummaries(ws, all, { search: "%" }, t.db)).toEqual({ users: [], total: 0 }); // LIKE's wildcards are literal
  });
});
