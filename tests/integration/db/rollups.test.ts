// The rollups the log writer keeps (hourly totals and latency histograms, daily per-user totals)
// are exactly the sums of the rows, however the rows arrive in batches, and the analytics read
// through them give the rows' answers for windows cut anywhere, not only on the hour or day:
// exact totals, and percentiles within the histograms' stated bound.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_VALUE, costBreakdown, costSeries } from "@/lib/analytics/cost";
import { latencyPercentiles, percentileOf } from "@/lib/analytics/latency";
import { overviewTotals } from "@/lib/analytics/overview";
import { requestQuerySchema } from "@/lib/analytics/request-query";
import { requestStats } from "@/lib/analytics/request-stats";
import { userSummaries } from "@/lib/analytics/users";
import { propertyValueSummaries } from "@/lib/analytics/properties";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { rebuildRollups } from "@/lib/db/rebuild-rollups";
import { deleteRowsBefore } from "@/lib/db/retention";
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
    propertyDays: await t.db.propertyDayRollup.findMany({ orderBy: [{ key: "asc" }, { day: "asc" }, { value: "asc" }] }),
    latency: await t.db.latencyRollup.findMany({ orderBy: [{ hour: "asc" }, { bucket: "asc" }] }),
    propertyLatency: await t.db.propertyLatencyRollup.findMany({ orderBy: [{ key: "asc" }, { value: "asc" }, { hour: "asc" }, { bucket: "asc" }] }),
    keyLatency: await t.db.keyLatencyRollup.findMany({ orderBy: [{ key: "asc" }, { hour: "asc" }, { bucket: "asc" }] }),
    users: await t.db.userRollup.findMany({ orderBy: [{ day: "asc" }, { userId: "asc" }] }),
    userModels: await t.db.userModelRollup.findMany({ orderBy: [{ userId: "asc" }, { day: "asc" }, { model: "asc" }] }),
  });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await findOrCreateWorkspace("a", "A", t.db)).id;
    // 600 requests over two days, written in uneven batches so one hour spans several.
    // Every ninth unpriced, as a model without a price would be; every fourth without an environment.
    rows = [...demoRows(ws, { count: 600, days: 2, now: NOW, seed: 3 })]
      .map((r, i) => (i % 9 ? r : { ...r, costNanoUsd: null }))
      .map((r, i) => (i % 4 ? r : { ...r, properties: r.properties.filter((p) => p.key !== "environment") }));
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
    // Three days (the first and last partial) hold the two days' hours.
    expect(new Set(written.propertyDays.map((r) => r.day.getTime())).size).toBe(3);
    for (const column of ["requests", "errors", "ttftCount"] as const) {
      expect(written.propertyDays.reduce((s, r) => s + r[column], 0), column).toBe(written.properties.reduce((s, r) => s + r[column], 0));
    }
    expect(written.propertyDays.reduce((s, r) => s + r.spendNano, 0n)).toBe(written.properties.reduce((s, r) => s + r.spendNano, 0n));
    expect(written.latency.reduce((s, r) => s + r.requests, 0)).toBe(600);
    expect(written.propertyLatency.reduce((s, r) => s + r.requests, 0)).toBe(rows.reduce((n, r) => n + r.properties.length, 0));
    expect(written.keyLatency.reduce((s, r) => s + r.requests, 0)).toBe(rows.reduce((n, r) => n + r.properties.length, 0));
    // The strip's figures are there to be checked, not all zero.
    for (const column of ["unpricedRequests", "errors", "cacheHits", "cacheMisses", "ttftCount"] as const) expect(written.properties.some((r) => r[column] > 0), column).toBe(true);
    expect(written.requests.some((r) => r.unpricedRequests > 0) && written.requests.some((r) => r.cacheMisses > 0)).toBe(true);
    expect(written.users.reduce((s, r) => s + r.requests, 0)).toBe(rows.filter((r) => r.userId !== null).length);
    expect(written.userModels.reduce((s, r) => s + r.requests, 0)).toBe(rows.filter((r) => r.userId !== null).length);
    expect(new Set(written.userModels.map((r) => r.model)).size).toBeGreaterThan(1);
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

  it("give a property's exact totals per value and per day for a window holding a whole day, cut mid-hour at both ends", async () => {
    // 2026-11-19 whole (PropertyDayRollup), the edge days' whole hours (PropertyRollup), the rest from the rows.
    const window = { from: new Date("2026-11-18T13:41:07Z"), to: new Date("2026-11-20T10:05:30Z") };
    const inside = rows.filter((r) => r.createdAt >= window.from && r.createdAt < window.to);
    const valueOf = (r: RequestLogRow) => r.properties.find((p) => p.key === "step")?.value;
    const expected = new Map<string, { requests: number; spendNano: bigint; tokens: number }>();
    const perDay = new Map<string, bigint>();
    for (const r of inside) {
      const value = valueOf(r);
      if (value === undefined) continue;
      const v = expected.get(value) ?? { requests: 0, spendNano: 0n, tokens: 0 };
      v.requests++;
      v.spendNano += r.costNanoUsd ?? 0n;
      v.tokens += (r.promptTokens ?? 0) + (r.completionTokens ?? 0);
      expected.set(value, v);
      const cell = `${r.createdAt.toISOString().slice(0, 10)} ${value}`;
      perDay.set(cell, (perDay.get(cell) ?? 0n) + (r.costNanoUsd ?? 0n));
    }
    const summaries = await propertyValueSummaries(ws, "step", window, t.db);
    expect(new Map(summaries.map((s) => [s.value, { requests: s.requests, spendNano: s.spendNano, tokens: Math.round(s.avgTokens * s.requests) }]))).toEqual(expected);
    const series = await costSeries(ws, window, { kind: "property", key: "step" }, "day", t.db);
    expect(new Map(series.filter((p) => p.group !== NO_VALUE).map((p) => [`${p.bucket} ${p.group}`, p.spendNano]))).toEqual(perDay);
    // By the hour the day's rollup cannot serve; the hours' sums are the same.
    const hourly = await costSeries(ws, window, { kind: "property", key: "step" }, "hour", t.db);
    expect(hourly.filter((p) => p.group !== NO_VALUE).reduce((s, p) => s + p.spendNano, 0n)).toBe([...perDay.values()].reduce((s, v) => s + v, 0n));
    expect(new Set(hourly.map((p) => p.bucket)).size).toBeGreaterThan(24);
  });

  it("give each user's exact totals for a window cut mid-day", async () => {
    const window = { from: new Date("2026-11-18T15:05:00Z"), to: new Date("2026-11-20T07:30:00Z") };
    const inside = rows.filter((r) => r.createdAt >= window.from && r.createdAt < window.to && r.userId !== null);
    const expected = new Map<string, { requests: number; spendNano: bigint; errors: number; latency: number; first: number; last: number }>();
    for (const r of inside) {
      const u = expected.get(r.userId!) ?? { requests: 0, spendNano: 0n, errors: 0, latency: 0, first: Infinity, last: -Infinity };
      u.requests++;
      u.spendNano += r.costNanoUsd ?? 0n;
      if (r.status >= 400) u.errors++;
      u.latency += r.latencyMs;
      u.first = Math.min(u.first, r.createdAt.getTime());
      u.last = Math.max(u.last, r.createdAt.getTime());
      expected.set(r.userId!, u);
    }
    const { users, total } = await userSummaries(ws, window, { limit: 1000 }, t.db);
    expect(total).toBe(expected.size);
    expect(users).toHaveLength(expected.size);
    for (const u of users) {
      const want = expected.get(u.userId)!;
      expect({ requests: u.requests, spendNano: u.spendNano, first: u.firstSeen.getTime(), last: u.lastSeen.getTime() }).toEqual({ requests: want.requests, spendNano: want.spendNano, first: want.first, last: want.last });
      expect(u.errorRate).toBeCloseTo(want.errors / want.requests, 9);
      expect(u.avgLatencyMs).toBeCloseTo(want.latency / want.requests, 6);
    }
    const spendOrder = [...expected.entries()].sort(([a, x], [b, y]) => (y.spendNano > x.spendNano ? 1 : y.spendNano < x.spendNano ? -1 : a.localeCompare(b))).map(([id]) => id);
    expect(users.map((u) => u.userId)).toEqual(spendOrder);
  });

  it("give percentiles within ±2% of the exact nearest-rank ones, for a window cut mid-hour", async () => {
    const window = { from: new Date("2026-11-18T13:20:00Z"), to: new Date("2026-11-20T10:10:00Z") };
    const latencies = rows.filter((r) => r.createdAt >= window.from && r.createdAt < window.to).map((r) => r.latencyMs);
    const counts = new Map<number, number>();
    for (const l of latencies) counts.set(l, (counts.get(l) ?? 0) + 1);
    const histogram = [...counts.entries()].sort((a, b) => a[0] - b[0]);
    const got = await latencyPercentiles(ws, window, "day", t.db);
    for (const [p, value] of [[50, got.overall!.p50], [95, got.overall!.p95]] as const) {
      const exact = percentileOf(histogram, latencies.length, p);
      expect(Math.abs(value - exact)).toBeLessThanOrEqual(exact * got.error + 0.05);
    }
  });

  it.each([new Date("2026-11-20T08:13:30.250Z"), undefined])("give a stats strip over a window cut mid-hour (ending %s), or one property or one value of it in it: the rows' exact sums and their p95 within ±2%", async (to) => {
    const from = new Date("2026-11-18T14:44:00Z");
    const step = rows.flatMap((r) => r.properties).find((p) => p.key === "step")!;
    const inWindow = rows.filter((r) => r.createdAt >= from && (!to || r.createdAt < to));
    const conditions = [
      { properties: [], matches: () => true },
      { properties: [{ key: step.key, op: "eq", value: step.value }], matches: (r: RequestLogRow) => r.properties.some((p) => p.key === step.key && p.value === step.value) },
      // Any value of a key (a property's own page).
      { properties: [{ key: "environment", op: "contains", value: "" }], matches: (r: RequestLogRow) => r.properties.some((p) => p.key === "environment") },
    ];
    const counts: number[] = [];
    for (const { properties, matches } of conditions) {
      const q = requestQuerySchema.parse({ from, to, properties });
      const fromRollups = await requestStats(ws, q, t.db);
      const fromRows = await requestStats(ws, { ...q, minLatencyMs: 0 }, t.db); // any further filter reads the rows
      const inside = inWindow.filter(matches);
      counts.push(inside.length);
      expect(inside.length).toBeGreaterThan(20);
      expect(fromRows).toMatchObject({ requests: inside.length, spendNano: inside.reduce((n, r) => n + (r.costNanoUsd ?? 0n), 0n), p95Error: 0 });
      expect(fromRollups.p95Error).toBe(0.02);
      expect({ ...fromRollups, p95LatencyMs: null, p95Error: 0 }).toEqual({ ...fromRows, p95LatencyMs: null });
      expect(Math.abs(fromRollups.p95LatencyMs! - fromRows.p95LatencyMs!)).toBeLessThanOrEqual(fromRows.p95LatencyMs! * 0.02 + 0.05);
    }
    const [all, , anyValue] = counts;
    expect(anyValue).toBeLessThan(all!); // the key's filter is applied, not dropped
  });

  it("give a stats strip of the rows retention kept, not of the purged ones the rollups still count", async () => {
    const purged = (await findOrCreateWorkspace("purged", "Purged", t.db)).id;
    const writer = createRequestLogWriter(t.target);
    await writer.writeBatch([...demoRows(purged, { count: 300, days: 2, now: NOW, seed: 4 })]);
    await writer.close();
    // A purge cut off mid-batch, as retention leaves it between runs: the oldest rows gone.
    await deleteRowsBefore(purged, new Date("2026-11-19T09:30:00Z"), 40, t.db);
    const kept = await t.db.request.count({ where: { workspaceId: purged } });
    expect(kept).toBeLessThan(300);
    const property = { key: "step", value: rows.flatMap((r) => r.properties).find((p) => p.key === "step")!.value };
    for (const properties of [[], [{ ...property, op: "eq" }]]) {
      const q = requestQuerySchema.parse({ from: new Date("2026-11-17T00:00:00Z"), properties });
      const fromRollups = await requestStats(purged, q, t.db);
      const fromRows = await requestStats(purged, { ...q, minLatencyMs: 0 }, t.db);
      expect(fromRollups.p95Error).toBe(0.02);
      expect({ ...fromRollups, p95LatencyMs: null, p95Error: 0 }).toEqual({ ...fromRows, p95LatencyMs: null });
    }
    expect((await requestStats(purged, requestQuerySchema.parse({ from: new Date("2026-11-17T00:00:00Z") }), t.db)).requests).toBe(kept);
  });
});
