// The log's write path against real databases: batches, a database that stops taking writes
// (rows wait on disk and are replayed in order), rows the database refuses (dead-lettered, the
// rest written), values too long for an index (clipped, flagged, written), and a restart that
// adopts the rows an earlier process left on disk.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { clipIndexedValues } from "@/lib/db/index-limits";
import type { RequestLogRow, RequestLogWriter } from "@/lib/db/request-log";
import { createRequestLogWriter } from "@/lib/db/request-log-writer";
import { LogQueue, type LogQueueOptions, type LogWriter } from "@/lib/gateway/log-queue";
import { bringLogTableBack, takeLogTableOffline } from "../../support/outage";
import { logRow } from "../../support/request-rows";
import { runScript } from "../../support/run-script";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DATABASE_KINDS)("request log queue on %s", (kind) => {
  let t: TestDatabase;
  let ws: string;
  let writer: RequestLogWriter;
  let spillRoot: string;
  const spillDir = () => mkdtempSync(path.join(spillRoot, "q-"));
  const queue = (options: Partial<LogQueueOptions> = {}, w: LogWriter = writer) =>
    new LogQueue(w, { batchSize: 500, intervalMs: 20, memoryBytes: 64 * 1024 * 1024, spill: { dir: spillDir(), maxBytes: 1024 * 1024 * 1024 }, ...options });
  const countRows = (rows: RequestLogRow[]) => t.db.request.count({ where: { id: { in: rows.map((r) => r.id) } } });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await findOrCreateWorkspace("w", "W", t.db)).id;
    writer = createRequestLogWriter(t.target);
    spillRoot = mkdtempSync(path.join(tmpdir(), "tollgate-spill-"));
  });
  afterAll(async () => {
    await writer?.close();
    await t?.drop();
    rmSync(spillRoot, { recursive: true, force: true });
  });

  it("writes rows that Prisma reads back field for field", async () => {
    const q = queue();
    const row = logRow(ws, { costNanoUsd: 9_007_199_254_740_993n, streamed: true, timeToFirstTokenMs: 42, userId: "user_42", clientRequestId: "my-trace-1", createdAt: new Date("2026-11-20T10:00:00.123Z") });
    q.enqueue(row);
    await q.idle();
    const { properties, ...columns } = row;
    const stored = await t.db.request.findUniqueOrThrow({ where: { id: row.id }, include: { properties: true } });
    expect(stored).toMatchObject(columns);
    expect(stored.properties).toEqual([{ requestId: row.id, workspaceId: ws, key: properties[0]!.key, value: properties[0]!.value, createdAt: row.createdAt, costNanoUsd: row.costNanoUsd }]);
    // Range queries compare timestamps as Prisma writes them.
    expect(await t.db.request.count({ where: { id: row.id, createdAt: { gte: new Date("2026-11-20T10:00:00.123Z"), lt: new Date("2026-11-20T10:00:00.124Z") } } })).toBe(1);
    await q.close();
  });

  it("writes many rows in batches, properties included", async () => {
    const q = queue();
    const batchWs = (await findOrCreateWorkspace("batch", "Batch", t.db)).id;
    const rows = Array.from({ length: 1200 }, () => logRow(batchWs));
    rows.forEach((r) => q.enqueue(r));
    await q.idle();
    expect(q.snapshot()).toMatchObject({ pending: 0, written: 1200, dropped: 0 });
    expect(await t.db.request.count({ where: { workspaceId: batchWs } })).toBe(1200);
    expect(await t.db.requestProperty.count({ where: { workspaceId: batchWs } })).toBe(1200);
    await q.close();
  });

  it("keeps rows on disk while the database refuses writes, and writes them in order once it is back", async () => {
    const q = queue();
    await takeLogTableOffline(t);
    const rows = Array.from({ length: 30 }, () => logRow(ws));
    rows.slice(0, 10).forEach((r) => q.enqueue(r));
    await sleep(300);
    rows.slice(10).forEach((r) => q.enqueue(r)); // arrive while it is down: straight to disk
    await sleep(300);
    const stalled = q.snapshot();
    expect(stalled).toMatchObject({ pending: 30, spilled: 30, written: 0, dropped: 0, stalled: true });
    expect(stalled.lastError).toBeTruthy();
    expect(stalled.oldestPendingMs).toBeGreaterThan(0);
    await bringLogTableBack(t);
    await q.idle();
    expect(q.snapshot()).toMatchObject({ pending: 0, spilled: 0, written: 30, dropped: 0, stalled: false });
    expect(await countRows(rows)).toBe(30);
    await q.close();
  });

  it("holds memory to its bound: rows beyond it wait on disk and none is lost", async () => {
    const q = queue({ memoryBytes: 8 * 1024, batchSize: 5 });
    const rows = Array.from({ length: 200 }, () => logRow(ws, { requestBody: "x".repeat(1000) }));
    rows.forEach((r) => q.enqueue(r));
    expect(q.snapshot().spilled).toBeGreaterThan(150);
    await q.idle();
    expect(q.snapshot()).toMatchObject({ pending: 0, written: 200, dropped: 0 });
    expect(await countRows(rows)).toBe(200);
    await q.close();
  });

  it("dead-letters a row the database refuses and writes every row behind it", async () => {
    const q = queue();
    const poison = logRow(ws, { properties: [{ key: "k", value: "1" }, { key: "k", value: "2" }] }); // one property twice
    const rows = [logRow(ws), poison, ...Array.from({ length: 50 }, () => logRow(ws))];
    rows.forEach((r) => q.enqueue(r));
    await q.idle();
    expect(q.snapshot()).toMatchObject({ pending: 0, written: 51, deadLettered: 1, dropped: 0 });
    expect(await countRows(rows)).toBe(51);
    const [letter] = await t.db.logDeadLetter.findMany({ where: { requestId: poison.id } });
    expect(letter).toMatchObject({ workspaceId: ws, requestId: poison.id });
    expect(letter!.error).toMatch(/unique|duplicate/i);
    expect(JSON.parse(letter!.row)).toMatchObject({ id: poison.id, costNanoUsd: "4500" });
    await q.close();
  });

  it("gives a row whose failure is unclear a bounded number of tries, then dead-letters it", async () => {
    const poison = logRow(ws, { properties: [{ key: "k", value: "1" }, { key: "k", value: "2" }] });
    const unclear = { ...writer, classify: (e: unknown) => (writer.classify(e) === "row" ? ("unknown" as const) : writer.classify(e)) };
    const q = queue({}, unclear);
    const rows = [poison, logRow(ws)];
    rows.forEach((r) => q.enqueue(r));
    for (let i = 0; i < 3; i++) {
      await sleep(150); // retries back off
      q.enqueue(logRow(ws));
    }
    await q.idle();
    expect(q.snapshot()).toMatchObject({ pending: 0, deadLettered: 1, dropped: 0 });
    expect(await t.db.logDeadLetter.count({ where: { requestId: poison.id } })).toBe(1);
    await q.close();
  });

  it("writes a row with values too long for an index once they are clipped, and keeps the full values", async () => {
    const q = queue();
    const long = { userId: "u".repeat(3000), sessionId: "s".repeat(3000), modelRequested: "m".repeat(3000), clientRequestId: "r".repeat(200), properties: [{ key: "customer", value: "客".repeat(1000) }] };
    const row = clipIndexedValues(logRow(ws, long));
    const following = Array.from({ length: 20 }, () => logRow(ws));
    [row, ...following].forEach((r) => q.enqueue(r));
    await q.idle();
    expect(q.snapshot()).toMatchObject({ pending: 0, written: 21, deadLettered: 0 });
    const stored = await t.db.request.findUniqueOrThrow({ where: { id: row.id }, include: { properties: true } });
    expect(Buffer.byteLength(stored.userId!)).toBeLessThanOrEqual(1024);
    expect(stored.userId!.endsWith("…")).toBe(true);
    expect(JSON.parse(stored.clippedValues!)).toMatchObject({ userId: long.userId, sessionId: long.sessionId, modelRequested: long.modelRequested, "property.customer": long.properties[0]!.value });
    expect(Buffer.byteLength(stored.properties[0]!.value)).toBeLessThanOrEqual(1024);
    expect(await countRows(following)).toBe(20);
    await q.close();
  });

  it("skips a row already written (a replay after a crash) without a dead letter", async () => {
    const q = queue();
    const existing = logRow(ws);
    await writer.writeBatch([existing]);
    const rows = [logRow(ws), existing, logRow(ws)];
    rows.forEach((r) => q.enqueue(r));
    await q.close();
    expect(q.snapshot()).toMatchObject({ written: 2, duplicates: 1, deadLettered: 0, pending: 0 });
    expect(await countRows(rows)).toBe(3);
  });

  it("leaves what it cannot write at shutdown on disk, and the next start writes it", async () => {
    const dir = spillDir();
    const first = queue({ spill: { dir, maxBytes: 1e9 } });
    await takeLogTableOffline(t);
    const rows = Array.from({ length: 40 }, () => logRow(ws));
    rows.forEach((r) => first.enqueue(r));
    await first.close(300);
    expect(readdirSync(dir).length).toBeGreaterThan(0);
    await bringLogTableBack(t);
    const second = queue({ spill: { dir, maxBytes: 1e9 } });
    expect(second.snapshot().pending).toBe(40);
    await second.idle();
    expect(await countRows(rows)).toBe(40);
    expect(readdirSync(dir)).toEqual([]);
    await second.close();
  });

  it("keeps the rows of a process killed with SIGKILL in its journal; the next start writes each exactly once", async () => {
    const dir = spillDir();
    const killedWs = (await findOrCreateWorkspace(`killed-${kind}`, "Killed", t.db)).id;
    // 1,200 rows: the first journal file holds 1,000 (500 of them written before the kill), the next 200.
    const killed = await runScript("tests/support/log-queue-killed.ts", [t.url, killedWs, dir, "1200"]);
    expect(killed.code).not.toBe(0);
    const ids = killed.stdout.split("\n").filter(Boolean);
    expect(ids).toHaveLength(1200);
    expect(await t.db.request.count({ where: { workspaceId: killedWs } })).toBe(500);
    expect(readdirSync(dir).length).toBe(2);

    const next = queue({ spill: { dir, maxBytes: 1e9 } });
    expect(next.snapshot().pending).toBe(1200);
    await next.idle(30_000);
    expect(next.snapshot()).toMatchObject({ pending: 0, written: 700, duplicates: 500, deadLettered: 0, dropped: 0 });
    const stored = await t.db.request.findMany({ where: { workspaceId: killedWs }, select: { id: true } });
    expect(stored.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(await t.db.requestProperty.count({ where: { workspaceId: killedWs } })).toBe(1200);
    await next.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("journals rows only while they wait: a queue that has written everything leaves no file", async () => {
    const dir = spillDir();
    const q = queue({ spill: { dir, maxBytes: 1e9 } });
    Array.from({ length: 30 }, () => logRow(ws)).forEach((r) => q.enqueue(r));
    expect(readdirSync(dir)).toHaveLength(1);
    await q.idle();
    expect(readdirSync(dir)).toEqual([]);
    await q.close();
  });

  it("drops and counts rows only when memory and the spill are full", async () => {
    const q = queue({ memoryBytes: 4096, spill: { dir: spillDir(), maxBytes: 8 * 1024 } });
    await takeLogTableOffline(t);
    Array.from({ length: 40 }, () => logRow(ws, { requestBody: "x".repeat(500) })).forEach((r) => q.enqueue(r));
    const { dropped, pending } = q.snapshot();
    expect(dropped).toBeGreaterThan(0);
    expect(dropped + pending).toBe(40);
    await bringLogTableBack(t);
    await q.idle();
    expect(q.snapshot()).toMatchObject({ pending: 0, written: pending, dropped });
    await q.close();
  });
});
