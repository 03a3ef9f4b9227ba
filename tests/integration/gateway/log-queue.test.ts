// The log's write path against real databases, including a database that stops taking writes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import type { RequestLogWriter } from "@/lib/db/request-log";
import { createRequestLogWriter } from "@/lib/db/request-log-writer";
import { LogQueue } from "@/lib/gateway/log-queue";
import { bringLogTableBack, takeLogTableOffline } from "../../support/outage";
import { logRow } from "../../support/request-rows";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

describe.each(DATABASE_KINDS)("request log queue on %s", (kind) => {
  let t: TestDatabase;
  let ws: string;
  let writer: RequestLogWriter;
  const queue = (options = { maxRows: 50_000, batchSize: 500, intervalMs: 20 }) => new LogQueue(writer, options);

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await findOrCreateWorkspace("w", "W", t.db)).id;
    writer = createRequestLogWriter(t.target);
  });
  afterAll(async () => {
    await writer?.close();
    await t?.drop();
  });

  it("writes rows that Prisma reads back field for field", async () => {
    const q = queue();
    const row = logRow(ws, { costNanoUsd: 9_007_199_254_740_993n, streamed: true, timeToFirstTokenMs: 42, userId: "user_42", createdAt: new Date("2026-11-20T10:00:00.123Z") });
    q.enqueue(row);
    await q.idle();
    const { properties, ...columns } = row;
    const stored = await t.db.request.findUniqueOrThrow({ where: { id: row.id }, include: { properties: true } });
    expect(stored).toMatchObject(columns);
    expect(stored.properties).toEqual([{ requestId: row.id, workspaceId: ws, key: properties[0]!.key, value: properties[0]!.value, createdAt: row.createdAt }]);
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

  it("keeps rows while the database refuses writes, and writes them once it is back", async () => {
    const q = queue();
    await takeLogTableOffline(t);
    const rows = Array.from({ length: 30 }, () => logRow(ws));
    rows.forEach((r) => q.enqueue(r));
    await new Promise((r) => setTimeout(r, 400));
    expect(q.snapshot()).toMatchObject({ pending: 30, written: 0, dropped: 0 });
    expect(q.snapshot().lastError).toBeTruthy();
    await bringLogTableBack(t);
    await q.close();
    expect(q.snapshot()).toMatchObject({ pending: 0, written: 30, dropped: 0 });
    expect(await t.db.request.count({ where: { id: { in: rows.map((r) => r.id) } } })).toBe(30);
  });

  it("drops and counts rows only when the bound is reached", async () => {
    const q = queue({ maxRows: 10, batchSize: 5, intervalMs: 20 });
    await takeLogTableOffline(t);
    Array.from({ length: 15 }, () => logRow(ws)).forEach((r) => q.enqueue(r));
    expect(q.snapshot()).toMatchObject({ pending: 10, dropped: 5 });
    await bringLogTableBack(t);
    await q.close();
    expect(q.snapshot()).toMatchObject({ pending: 0, written: 10, dropped: 5 });
  });

  it("rejects a single bad row without losing the rest of its batch", async () => {
    const q = queue();
    const existing = logRow(ws);
    await writer.writeBatch([existing]);
    const rows = [logRow(ws), { ...logRow(ws), id: existing.id }, logRow(ws)];
    rows.forEach((r) => q.enqueue(r));
    await q.close();
    expect(q.snapshot()).toMatchObject({ written: 2, rejected: 1, pending: 0 });
    expect(await t.db.request.count({ where: { id: { in: [rows[0]!.id, rows[2]!.id] } } })).toBe(2);
  });
});
