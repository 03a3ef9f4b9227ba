import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costByModel, overviewTotals, recentRequests } from "@/lib/analytics/overview";
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

  it("groups spend by model, most expensive first", async () => {
    const since = new Date(NOW.getTime() - 14 * 86_400_000);
    const models = await costByModel(workspaceId, since, t.db);
    expect(models.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < models.length; i++) expect(models[i - 1]!.spendNano >= models[i]!.spendNano).toBe(true);
    expect(models.reduce((s, m) => s + m.requests, 0)).toBe(await t.db.request.count({ where: { workspaceId, createdAt: { gte: since } } }));
  });

  it("lists the latest requests with their properties", async () => {
    const recent = await recentRequests(workspaceId, 10, t.db);
    expect(recent).toHaveLength(10);
    for (let i = 1; i < recent.length; i++) expect(recent[i - 1]!.createdAt >= recent[i]!.createdAt).toBe(true);
    expect(recent[0]!.properties.map((p) => p.key).sort()).toEqual(["environment", "feature", "step", "workflow"]);
  });
});
