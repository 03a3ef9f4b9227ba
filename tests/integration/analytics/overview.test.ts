import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overviewTotals } from "@/lib/analytics/overview";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { seedDemoTraffic } from "../../../scripts/lib/demo-traffic";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

const NOW = new Date("2026-11-20T12:00:00Z");

describe.each(DATABASE_KINDS)("overview queries on %s", (kind) => {
  let t: TestDatabase;
  let workspaceId: string;
  let otherWorkspaceId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    workspaceId = (await findOrCreateWorkspace("a", "A", t.db)).id;
    otherWorkspaceId = (await findOrCreateWorkspace("b", "B", t.db)).id;
    await seedDemoTraffic(t.db, workspaceId, { count: 400, now: NOW });
    await seedDemoTraffic(t.db, otherWorkspaceId, { count: 50, now: NOW, seed: 7 });
  });
  afterAll(() => t?.drop());

  it("totals match the rows of the workspace in the range, and nothing else", async () => {
    const since = new Date(NOW.getTime() - 7 * 86_400_000);
    const rows = await t.db.request.findMany({ where: { workspaceId, createdAt: { gte: since } } });
    const totals = await overviewTotals(workspaceId, since, t.db);
    expect(totals.requests).toBe(rows.length);
    expect(totals.requests).toBeGreaterThan(100);
    expect(totals.errors).toBe(rows.filter((r) => r.status >= 400).length);
    expect(totals.spendNano).toBe(rows.reduce((s, r) => s + (r.costNanoUsd ?? 0n), 0n));
    expect(totals.avgLatencyMs).toBeCloseTo(rows.reduce((s, r) => s + r.latencyMs, 0) / rows.length, 3);
  });
});
