import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latencyPercentiles } from "@/lib/analytics/latency";
import { activitySeries, overviewTotals } from "@/lib/analytics/overview";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { rebuildRollups } from "@/lib/db/rebuild-rollups";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

const WINDOW = { from: new Date("2026-11-10T00:00:00Z"), to: new Date("2026-11-12T00:00:00Z") };

interface Seed {
  at: string;
  latency: number;
  status?: number;
  cost?: bigint;
  ttft?: number;
  hit?: { saved: bigint };
  user?: string;
}

// Day one: four requests with every outcome. Day two: twenty successes at 10, 20, … 200 ms, one a 404.
const DAY_ONE: Seed[] = [
  { at: "2026-11-10T09:00:00Z", latency: 100, cost: 1000n, ttft: 50, user: "ann" },
  { at: "2026-11-10T09:30:00Z", latency: 200, cost: 0n, hit: { saved: 5000n }, user: "ann" },
  { at: "2026-11-10T10:00:00Z", latency: 300, status: 429, cost: 0n, ttft: 150 },
  { at: "2026-11-10T11:00:00Z", latency: 400, status: 500 },
];
const DAY_TWO: Seed[] = Array.from({ length: 20 }, (_, i) => ({ at: `2026-11-11T${String(i).padStart(2, "0")}:15:00Z`, latency: (i + 1) * 10, status: i === 3 ? 404 : 200, cost: 100n, user: "bob" }));

describe.each(DATABASE_KINDS)("overview queries on %s", (kind) => {
  let t: TestDatabase;
  let ws: string;

  async function insert(workspaceId: string, seeds: Seed[]) {
    for (const s of seeds) {
      await t.db.request.create({
        data: {
          id: randomUUID(),
          workspaceId,
          createdAt: new Date(s.at),
          provider: "openai",
          modelRequested: "gpt-4o-mini",
          path: "/v1/chat/completions",
          status: s.status ?? 200,
          latencyMs: s.latency,
          timeToFirstTokenMs: s.ttft ?? null,
          costNanoUsd: s.cost ?? null,
          cacheStatus: s.hit ? "HIT" : "MISS",
          costSavedNanoUsd: s.hit?.saved ?? null,
          userId: s.user ?? null,
        },
      });
    }
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await findOrCreateWorkspace("a", "A", t.db)).id;
    const other = (await findOrCreateWorkspace("b", "B", t.db)).id;
    await insert(ws, [...DAY_ONE, ...DAY_TWO]);
    // Outside the window, and another workspace's traffic inside it: neither may count.
    await insert(ws, [{ at: "2026-11-12T00:00:00Z", latency: 9999, cost: 1_000_000n }, { at: "2026-11-09T23:59:59Z", latency: 9999, cost: 1_000_000n }]);
    await insert(other, [{ at: "2026-11-10T12:00:00Z", latency: 9999, status: 500, cost: 1_000_000n }]);
    // Rows made through Prisma bypass the log writer that keeps the rollups.
    await rebuildRollups(t.db);
  });
  afterAll(() => t?.drop());

  it("totals: spend, errors, average latency, TTFT over streamed requests, cache hits and savings", async () => {
    expect(await overviewTotals(ws, WINDOW, t.db)).toEqual({
      requests: 24,
      errors: 3, // 429, 500, 404
      spendNano: 1000n + 20n * 100n,
      // (100+200+300+400 + 10·(1+…+20)) / 24 = (1000 + 2100) / 24
      avgLatencyMs: expect.closeTo(3100 / 24, 6),
      avgTtftMs: 100,
      cacheHits: 1,
      savedNano: 5000n,
    });
  });

  it("totals of one user only", async () => {
    expect(await overviewTotals({ workspaceId: ws, userId: "ann" }, WINDOW, t.db)).toMatchObject({ requests: 2, spendNano: 1000n, cacheHits: 1 });
    expect((await latencyPercentiles({ workspaceId: ws, userId: "ann" }, WINDOW, "day", t.db)).overall).toEqual({ p50: 100, p95: 200 });
  });

  it("spend and requests by outcome per day", async () => {
    expect(await activitySeries(ws, WINDOW, "day", t.db)).toEqual([
      { bucket: "2026-11-10", spendNano: 1000n, byStatus: { success: 2, "rate limited": 1, "client error": 0, "server error": 1 } },
      { bucket: "2026-11-11", spendNano: 2000n, byStatus: { success: 19, "rate limited": 0, "client error": 1, "server error": 0 } },
    ]);
  });

  it("p50 and p95 latency per day and over the window, nearest-rank: exact for a narrower scope, within ±2% for the whole workspace", async () => {
    // Day one n=4: ranks 2 and 4. Day two n=20: ranks 10 and 19. All 24 sorted:
    // 10 … 100, 100, 110 … 200, 200, 300, 400: rank 12 → 110, rank ceil(0.95·24) = 23 → 300.
    const exact = {
      overall: { p50: 110, p95: 300 },
      series: [
        { bucket: "2026-11-10", p50: 200, p95: 400 },
        { bucket: "2026-11-11", p50: 100, p95: 190 },
      ],
    };
    // A narrower scope (here: every request is OpenAI's) ranks the rows.
    expect(await latencyPercentiles({ workspaceId: ws, provider: "openai" }, WINDOW, "day", t.db)).toEqual({ ...exact, error: 0 });
    // The whole workspace reads the hourly histograms: each figure within the stated bound (and its 0.1 ms rounding).
    const approx = await latencyPercentiles(ws, WINDOW, "day", t.db);
    expect(approx.error).toBe(0.02);
    const within = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(want * approx.error + 0.05);
    within(approx.overall!.p50, exact.overall.p50);
    within(approx.overall!.p95, exact.overall.p95);
    expect(approx.series.map((p) => p.bucket)).toEqual(exact.series.map((p) => p.bucket));
    approx.series.forEach((p, i) => {
      within(p.p50, exact.series[i]!.p50);
      within(p.p95, exact.series[i]!.p95);
    });
  });

  it("an empty window gives zeros and no percentiles", async () => {
    const empty = { from: new Date("2026-10-01T00:00:00Z"), to: new Date("2026-10-02T00:00:00Z") };
    expect(await overviewTotals(ws, empty, t.db)).toEqual({ requests: 0, errors: 0, spendNano: 0n, avgLatencyMs: null, avgTtftMs: null, cacheHits: 0, savedNano: 0n });
    expect(await latencyPercentiles(ws, empty, "hour", t.db)).toEqual({ overall: null, series: [], error: 0.02 });
  });
});
