// Postgres keeps the request log in one partition per UTC day (migration 0017), on a real server:
// the days ahead exist after a migration and rows land in their day; a row no day holds lands in
// the default partition and stays readable; retention drops a day as a table only when every
// workspace with rows in it lets them go, and every total stays exact; a log from before 0017 is
// kept whole as one partition, and a replay of one of its rows is still seen as a duplicate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overviewTotals } from "@/lib/analytics/overview";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { migrate, migrationsFor } from "@/lib/db/migrate";
import { dropLogPartitionIf, ensureDailyPartitions, listLogPartitions, partitionDaysAhead } from "@/lib/db/partitions";
import { withPostgresClient } from "@/lib/db/postgres-client";
import { createRequestLogWriter } from "@/lib/db/request-log-writer";
import { type RequestLogRow, propertyRows } from "@/lib/db/request-log";
import { setRetention } from "@/lib/db/retention";
import { getRequest } from "@/lib/analytics/requests";
import { newRequestId } from "@/lib/request-id";
import { purgeAll } from "@/lib/retention/purge";
import { logRow } from "../../support/request-rows";
import { type TestDatabase, createTestDatabase } from "../../support/test-db";

const DAY = 86_400_000;
const suffixOf = (t: Date) => `d${t.toISOString().slice(0, 10).replaceAll("-", "")}`;
const partitions = (t: TestDatabase) => withPostgresClient(t.url, listLogPartitions);
const write = async (t: TestDatabase, rows: RequestLogRow[]) => {
  const writer = createRequestLogWriter(t.target);
  try {
    await writer.writeBatch(rows);
  } finally {
    await writer.close();
  }
};
const homeOf = async (t: TestDatabase, id: string) =>
  (await t.db.$queryRawUnsafe<{ home: string }[]>(`SELECT tableoid::regclass::text AS home FROM "Request" WHERE "id" = $1`, id))[0]?.home;

describe("the request log partitioned by day on Postgres", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  });
  afterAll(() => t?.drop());

  it("has today and the week ahead after a migration, and writes each row into its day", async () => {
    const today = new Date();
    const names = (await partitions(t)).map((p) => p.suffix);
    for (let d = 0; d <= 7; d++) expect(names).toContain(suffixOf(new Date(today.getTime() + d * DAY)));
    expect(names).toContain("default");

    const ws = (await findOrCreateWorkspace("days", "Days", t.db)).id;
    const now = logRow(ws, { properties: [{ key: "workflow", value: "a" }] });
    const soon = logRow(ws, { createdAt: new Date(today.getTime() + 3 * DAY) });
    const faraway = logRow(ws, { createdAt: new Date("2031-05-01T00:00:00Z"), properties: [{ key: "workflow", value: "far" }] });
    await write(t, [now, soon, faraway]);
    expect(await homeOf(t, now.id)).toBe(`"Request_${suffixOf(today)}"`);
    expect(await homeOf(t, soon.id)).toBe(`"Request_${suffixOf(soon.createdAt)}"`);
    expect(await homeOf(t, faraway.id)).toBe(`"Request_default"`);
    // The day a row already waits for in the default partition is not made later: it stays there.
    expect(await withPostgresClient(t.url, (c) => ensureDailyPartitions(c, faraway.createdAt, faraway.createdAt))).toEqual([]);
    const stored = await t.db.request.findUniqueOrThrow({ where: { id: faraway.id }, include: { properties: true } });
    expect(stored.properties.map((p) => p.value)).toEqual(["far"]);
  });

  it("drops a past day whose every row has expired, and deletes row by row where a workspace still keeps its rows", async () => {
    const NOW = new Date("2026-09-26T12:30:00Z");
    const day = (n: number, hour = 9) => new Date(Date.UTC(2026, 8, 26 - n, hour));
    await withPostgresClient(t.url, (c) => ensureDailyPartitions(c, day(45), NOW));
    const [a, b, keeper] = await Promise.all(["thirty", "ten", "forever"].map(async (slug) => (await findOrCreateWorkspace(slug, slug, t.db)).id));
    await setRetention(a!, { bodyRetentionDays: null, rowRetentionDays: 30 }, t.db);
    await setRetention(b!, { bodyRetentionDays: null, rowRetentionDays: 10 }, t.db);
    const rows = {
      // 40 days ago: only workspaces whose limits have passed. The day goes as a table.
      expired: [logRow(a!, { createdAt: day(40), properties: [{ key: "workflow", value: "old" }] }), logRow(a!, { createdAt: day(40, 10) }), logRow(b!, { createdAt: day(40) })],
      // 35 days ago: a workspace that keeps everything shares the day. It stays; a's row is deleted.
      shared: [logRow(a!, { createdAt: day(35) }), logRow(keeper!, { createdAt: day(35) })],
      // 20 days ago: past b's limit, not a's.
      recent: [logRow(a!, { createdAt: day(20) }), logRow(b!, { createdAt: day(20) })],
    };
    await write(t, [...rows.expired, ...rows.shared, ...rows.recent]);
    const window = { from: day(45, 0), to: new Date(Date.UTC(2026, 8, 26)) };
    const before = await overviewTotals(a!, window, t.db);

    expect(await purgeAll(t.db, NOW, { batch: 100, pauseMs: 0 })).toEqual({ rowsDeleted: 5, bodiesCleared: 0, workspacesRemoved: 0 });

    const names = (await partitions(t)).map((p) => p.suffix);
    expect(names).not.toContain(suffixOf(day(40)));
    expect(names).not.toContain(suffixOf(day(44))); // an empty past day goes too
    expect(names).toEqual(expect.arrayContaining([suffixOf(day(35)), suffixOf(day(20))]));
    const left = await t.db.request.findMany({ where: { workspaceId: { in: [a!, b!, keeper!] } }, select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual([rows.shared[1]!.id, rows.recent[0]!.id].sort());
    expect(await t.db.requestProperty.count({ where: { value: "old" } })).toBe(0);
    // The hourly rollups keep the dropped day: every total over the period is unchanged.
    expect(await overviewTotals(a!, window, t.db)).toEqual(before);
    // A day later nothing more has expired.
    expect((await purgeAll(t.db, new Date(NOW.getTime() + DAY), { batch: 100, pauseMs: 0 })).rowsDeleted).toBe(0);
  });

  it("finds a request by its id, in the day its id names or, for ids made otherwise, anywhere", async () => {
    const ws = (await findOrCreateWorkspace("ids", "Ids", t.db)).id;
    const at = new Date(Date.now() - 60_000);
    const rows = [
      logRow(ws, { id: newRequestId(at), createdAt: at }), // a proxied call
      logRow(ws, { createdAt: at }), // logged before ids carried the time
      logRow(ws, { id: newRequestId(new Date()), createdAt: new Date(Date.now() - 26 * 3_600_000) }), // a call reported a day after it ran
    ];
    await write(t, rows);
    for (const row of rows) expect((await getRequest(ws, row.id, { withBodies: false }, t.db))?.createdAt).toEqual(row.createdAt);
    expect(await getRequest(ws, newRequestId(at), { withBodies: false }, t.db)).toBeNull();
  });

  it("counts the days ahead that have their partition, and a purge run makes the missing ones", async () => {
    expect(await partitionDaysAhead(t.db)).toBe(7);
    const inTwoDays = suffixOf(new Date(Date.now() + 2 * DAY));
    expect(await withPostgresClient(t.url, (c) => dropLogPartitionIf(c, inTwoDays, () => true))).toBe(0);
    expect(await partitionDaysAhead(t.db)).toBe(1);
    await purgeAll(t.db, new Date(), { batch: 100, pauseMs: 0 });
    expect(await partitionDaysAhead(t.db)).toBe(7);
  });
});

describe("a request log from before partitioning on Postgres", () => {
  let t: TestDatabase;
  afterAll(() => t?.drop());

  it("becomes one partition with every row and property, and a replayed row is still a duplicate", async () => {
    t = await createTestDatabase("postgres", { migrations: migrationsFor({ kind: "postgres", url: "" }).filter((m) => m.name < "0017") });
    const ws = (await findOrCreateWorkspace("before", "Before", t.db)).id;
    const old = Array.from({ length: 30 }, (_, i) => logRow(ws, { createdAt: new Date(Date.now() - i * 3 * DAY), properties: [{ key: "workflow", value: `w${i % 3}` }] }));
    // Through Prisma, as rows stood before 0017: today's writer also fills rollup tables added later.
    await t.db.request.createMany({ data: old.map(({ properties: _, ...row }) => row) });
    await t.db.requestProperty.createMany({ data: propertyRows(old) });

    expect((await migrate(t.target)).applied[0]).toBe("0017_partition_request_log.sql"); // and the later ones
    const layout = await partitions(t);
    const legacy = layout.find((p) => p.suffix === "legacy")!;
    expect(legacy.from).toBeNull();
    expect(legacy.to!.getTime()).toBe(Math.floor(Date.now() / DAY) * DAY + DAY); // the day after the newest row
    expect(await t.db.request.count({ where: { workspaceId: ws } })).toBe(30);
    expect(await t.db.requestProperty.count({ where: { workspaceId: ws, value: "w1" } })).toBe(10);
    expect(await homeOf(t, old[29]!.id)).toBe(`"Request_legacy"`);

    const writer = createRequestLogWriter(t.target);
    try {
      const replay = await writer.writeBatch([old[5]!]).then(() => "written", (error) => writer.classify(error));
      expect(replay).toBe("duplicate");
      const fresh = logRow(ws, { createdAt: new Date(legacy.to!.getTime() + 60_000) });
      await writer.writeBatch([fresh]);
      expect(await homeOf(t, fresh.id)).toBe(`"Request_${suffixOf(fresh.createdAt)}"`);
    } finally {
      await writer.close();
    }
  });
});
