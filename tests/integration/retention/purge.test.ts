// The retention purge on both databases: bodies blanked after N days, rows deleted after M days
// (a whole UTC day at a time) in small batches, properties with them, and the rollups, so every total
// over the purged period, unchanged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costBreakdown } from "@/lib/analytics/cost";
import { overviewTotals } from "@/lib/analytics/overview";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { createRequestLogWriter } from "@/lib/db/request-log-writer";
import { retentionOf, setRetention } from "@/lib/db/retention";
import { purgeAll } from "@/lib/retention/purge";
import { logRow } from "../../support/request-rows";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

const NOW = new Date("2026-11-26T12:30:00Z");
const daysAgo = (days: number, minutes = 0) => new Date(NOW.getTime() - days * 86_400_000 - minutes * 60_000);
// Whole hours, as the dashboard's long windows are read from the rollups.
const WINDOW = { from: new Date("2026-08-28T12:00:00Z"), to: new Date("2026-11-26T12:00:00Z") };

describe.each(DATABASE_KINDS)("retention purge on %s", (kind) => {
  let t: TestDatabase;
  let ws: string;
  let keep: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await findOrCreateWorkspace("purged", "Purged", t.db)).id;
    keep = (await findOrCreateWorkspace("kept", "Kept", t.db)).id;
    const writer = createRequestLogWriter(t.target);
    await writer.writeBatch([
      ...[0, 1, 2].map((i) => logRow(ws, { createdAt: daysAgo(40, i), costNanoUsd: 1000n, properties: [{ key: "workflow", value: "old" }] })),
      logRow(ws, { createdAt: daysAgo(30, 20), costNanoUsd: 7n }), // 30 days and 20 minutes ago: its day is not over 30 days old yet, kept
      ...[0, 1].map((i) => logRow(ws, { createdAt: daysAgo(20, i), costNanoUsd: 500n, requestBody: '{"prompt":"twenty days"}', responseBody: '{"answer":"old"}' })),
      logRow(ws, { createdAt: daysAgo(2), costNanoUsd: 50n, requestBody: '{"prompt":"recent"}' }),
      logRow(keep, { createdAt: daysAgo(40), costNanoUsd: 9n }),
    ]);
    await writer.close();
  });
  afterAll(() => t?.drop());

  it("blanks old bodies, deletes old rows in batches, and leaves every total as it was", async () => {
    const before = { cost: await costBreakdown(ws, WINDOW, { kind: "model" }, t.db), totals: await overviewTotals(ws, WINDOW, t.db) };
    expect(before.totals.requests).toBe(7);
    await setRetention(ws, { bodyRetentionDays: 7, rowRetentionDays: 30 }, t.db);

    expect(await purgeAll(t.db, NOW, { batch: 2, pauseMs: 0 })).toEqual({ rowsDeleted: 3, bodiesCleared: 3, workspacesRemoved: 0 });

    const rows = await t.db.request.findMany({ where: { workspaceId: ws }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => Number(r.costNanoUsd))).toEqual([7, 500, 500, 50]);
    expect(rows.slice(0, 3).every((r) => r.requestBody === null && r.responseBody === null && r.requestBodyState === "purged")).toBe(true);
    expect(rows[3]!.requestBody).toBe('{"prompt":"recent"}');
    expect(await t.db.requestProperty.count({ where: { workspaceId: ws, value: "old" } })).toBe(0);
    expect(await t.db.request.count({ where: { workspaceId: keep } })).toBe(1); // no retention set there

    // The rollups still hold the purged hours: every total over the period is unchanged.
    expect(await costBreakdown(ws, WINDOW, { kind: "model" }, t.db)).toEqual(before.cost);
    expect(await overviewTotals(ws, WINDOW, t.db)).toEqual(before.totals);

    // The next run starts where this one stopped: nothing left to do at the same time.
    expect((await retentionOf(ws, t.db))!.bodiesPurgedBefore).toEqual(daysAgo(7));
    expect(await purgeAll(t.db, NOW, { batch: 2, pauseMs: 0 })).toEqual({ rowsDeleted: 0, bodiesCleared: 0, workspacesRemoved: 0 });
    expect((await t.db.request.findFirstOrThrow({ where: { workspaceId: ws, costNanoUsd: 50n } })).requestBody).toBe('{"prompt":"recent"}');
    // Still so eleven hours later; the next day, the cutoff has moved past that row's day.
    expect((await purgeAll(t.db, new Date(NOW.getTime() + 11 * 3_600_000), { batch: 2, pauseMs: 0 })).rowsDeleted).toBe(0);
    expect((await purgeAll(t.db, new Date(NOW.getTime() + 12 * 3_600_000), { batch: 2, pauseMs: 0 })).rowsDeleted).toBe(1);
  });
});
