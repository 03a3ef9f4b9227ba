// The hourly rollups the log writer keeps are exactly the sums of the rows, however the rows
// arrive in batches, and the analytics read through them give the rows' answers for windows
// cut anywhere, not only on the hour.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costBreakdown } from "@/lib/analytics/cost";
import { overviewTotals } from "@/lib/analytics/overview";
import { propertyValueSummaries } from "@/lib/analytics/properties";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { rebuildRollups } from "@/lib/db/rebuild-rollups";
import type { RequestLogRow } from "@/lib/db/request-log";
import { createRequestLogWriter } from "@/lib/db/request-log-writer";
import { demoRows } from "../../../scripts/lib/demo-traffic";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

const NOW = new Date("2026-11-20T12:00:00Z");

describe.each(DATABASE_KINDS)("request rollups on %s", (kind) => {
  let t: TestDatabase;
  let ws: string;
  let rows: RequestLogRow[];

  const snapshot = async () => ({
    requests: await t.db.requestRollup.findMany({ orderBy: [{ hour: "asc" }, { provider: "asc" }, { model: "asc" }, { status: "asc" }, { cacheHit: "asc" }] }),
    properties: await t.db.propertyRollup.findMany({ orderBy: [{ key: "asc" }, { hour: "asc" }, { value: "asc" }] }),
  });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await findOrCreateWorkspace("a", "A", t.db)).id;
    // 600 requests over two days, written in uneven batches so one hour spans several.
    rows = [...demoRows(ws, { count: 600, days: 2, now: NOW, seed: 3 })];
    const writer = createRequestLogWriter(t.target);
    for (let i = 0; i < rows.length; ) {
      const size = 1 + ((i * 7) % 53);
      await writer.writeBatch(rows.slice(i, i + size));
      i += size;
    }
    await writer.close();
  });
  afterAll(() => t?.drop());

  it("equal a rebuild from the rows", async () => {
    const written = await snapshot();
    expect(written.requests.reduce((s, r) => s + r.requests, 0)).toBe(600);
    expect(written.properties.length).toBeGreaterThan(0);
    await rebuildRollups(t.db);
    expect(await snapshot()).toEqual(written);
  });

  it("give the rows' totals for a window cut mid-hour at both ends", async () => {
    const window = { from: new Date("2026-11-19T03:17:41.500Z"), to: new Date("2026-11-20T09:42:00Z") };
    const inside = rows.filter((r) => r.createdAt >= window.from && r.createdAt < window.to);
    const totals = await overviewTotals(ws, window, t.db);
    expect(totals.requests).toBe(inside.length);
    expect(totals.spendNano).toBe(inside.reduce((s, r) => s + (r.costNanoUsd ?? 0n), 0n));
    expect(totals.errors).toBe(inside.filter((r) => r.status >= 400).length);
    expect(totals.avgLatencyMs).toBeCloseTo(inside.reduce((s, r) => s + r.latencyMs, 0) / inside.length, 6);

    const byModel = new Map<string, bigint>();
    for (const r of inside) byModel.set(r.modelServed ?? r.modelRequested, (byModel.get(r.modelServed ?? r.modelRequested) ?? 0n) + (r.costNanoUsd ?? 0n));
    const models = await costBreakdown(ws, window, { kind: "model" }, t.db);
    expect(new Map(models.map((m) => [m.group, m.spendNano]))).toEqual(byModel);

    const steps = await propertyValueSummaries(ws, "step", window, t.db);
    for (const s of steps) expect(s.requests).toBe(inside.filter((r) => r.properties.some((p) => p.key === "step" && p.value === s.value)).length);
    expect(steps.reduce((n, s) => n + s.requests, 0)).toBe(inside.length);
  });
});
