// Migrations that copy data land it on the rows a running install already has: the database is
// migrated to just before the migration, given rows, then migrated the rest of the way.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { migrate, migrationsFor } from "@/lib/db/migrate";
import { createRequestLogWriter } from "@/lib/db/request-log-writer";
import type { DatabaseTarget } from "@/lib/db/url";
import { sqliteTimestamp } from "@/lib/db/timestamps";
import { demoRows } from "../../../scripts/lib/demo-traffic";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

describe.each(DATABASE_KINDS)("data migrations on %s", (kind) => {
  let t: TestDatabase | undefined;
  afterEach(() => t?.drop());

  it("0015 gives each existing property row its request's cost, null when unpriced", async () => {
    const all = migrationsFor({ kind } as DatabaseTarget);
    const before = all.slice(0, all.findIndex((m) => m.name.startsWith("0015_")));
    t = await createTestDatabase(kind, { migrations: before });
    const ws = randomUUID();
    const at = new Date("2026-11-20T10:00:00Z");
    const time = kind === "postgres" ? at.toISOString() : sqliteTimestamp(at);
    const p = (n: number) => (kind === "postgres" ? `$${n}` : "?");
    await t.db.$executeRawUnsafe(`INSERT INTO "Workspace" ("id", "slug", "name", "webhookSecret", "createdAt", "updatedAt") VALUES (${p(1)}, ${p(2)}, 'W', 's', ${p(3)}, ${p(4)})`, ws, `ws-${ws}`, time, time);
    for (const [id, cost] of [["priced", "9007199254740993"], ["unpriced", null]] as const) {
      await t.db.$executeRawUnsafe(
        `INSERT INTO "Request" ("id", "workspaceId", "createdAt", "provider", "modelRequested", "path", "status", "latencyMs", "costNanoUsd") VALUES (${p(1)}, ${p(2)}, ${p(3)}, 'openai', 'm', '/v1/chat/completions', 200, 5, ${p(4)})`,
        id, ws, time, cost === null ? null : kind === "postgres" ? cost : BigInt(cost),
      );
      for (const key of ["workflow", "customer"]) {
        await t.db.$executeRawUnsafe(`INSERT INTO "RequestProperty" ("requestId", "workspaceId", "key", "value", "createdAt") VALUES (${p(1)}, ${p(2)}, ${p(3)}, 'v', ${p(4)})`, id, ws, key, time);
      }
    }
    await migrate(t.target);
    const rows = await t.db.requestProperty.findMany({ where: { workspaceId: ws }, orderBy: [{ requestId: "asc" }, { key: "asc" }], select: { requestId: true, key: true, costNanoUsd: true } });
    expect(rows).toEqual([
      { requestId: "priced", key: "customer", costNanoUsd: 9_007_199_254_740_993n },
      { requestId: "priced", key: "workflow", costNanoUsd: 9_007_199_254_740_993n },
      { requestId: "unpriced", key: "customer", costNanoUsd: null },
      { requestId: "unpriced", key: "workflow", costNanoUsd: null },
    ]);
  });

  it("0016 fills the strip's rollup columns and the property latency histograms from the rows as the log writer would", async () => {
    t = await createTestDatabase(kind);
    const ws = (await findOrCreateWorkspace("w", "W", t.db)).id;
    const writer = createRequestLogWriter(t.target);
    await writer.writeBatch([...demoRows(ws, { count: 300, days: 2, now: new Date("2026-11-20T12:00:00Z"), seed: 5 })].map((r, i) => (i % 7 ? r : { ...r, costNanoUsd: null })));
    await writer.close();
    const db = t.db;
    const snapshot = async () => ({
      requests: await db.requestRollup.findMany({ orderBy: [{ hour: "asc" }, { provider: "asc" }, { model: "asc" }, { status: "asc" }, { cacheHit: "asc" }] }),
      properties: await db.propertyRollup.findMany({ orderBy: [{ key: "asc" }, { hour: "asc" }, { value: "asc" }] }),
      propertyLatency: await db.propertyLatencyRollup.findMany({ orderBy: [{ key: "asc" }, { value: "asc" }, { hour: "asc" }, { bucket: "asc" }] }),
    });
    const written = await snapshot();
    // As an install had them before 0016: the new columns at their defaults, no histograms.
    await db.$executeRawUnsafe(`UPDATE "RequestRollup" SET "unpricedRequests" = 0, "cacheMisses" = 0`);
    await db.$executeRawUnsafe(
      `UPDATE "PropertyRollup" SET "unpricedRequests" = 0, "errors" = 0, "cacheHits" = 0, "cacheMisses" = 0, "savedNano" = 0, "ttftSumMs" = 0, "ttftCount" = 0, "promptTokens" = 0, "completionTokens" = 0`,
    );
    await db.$executeRawUnsafe(`DELETE FROM "PropertyLatencyRollup"`);
    expect(await snapshot()).not.toEqual(written);
    const migration = migrationsFor({ kind } as DatabaseTarget).find((m) => m.name.startsWith("0016_"))!.sql;
    const backfill = migration.slice(migration.indexOf("-- Backfill")).split("-- CreateIndex")[0]!;
    for (const statement of backfill.split(/;\s*\n/).map((s) => s.replace(/^--.*$/gm, "").trim()).filter(Boolean)) await db.$executeRawUnsafe(statement);
    expect(await snapshot()).toEqual(written);
  });

  it("the per-user-and-model and per-key latency rollups' migration fills them from the rows as the log writer would", async () => {
    t = await createTestDatabase(kind);
    const ws = (await findOrCreateWorkspace("w", "W", t.db)).id;
    const writer = createRequestLogWriter(t.target);
    await writer.writeBatch([...demoRows(ws, { count: 300, days: 2, now: new Date("2026-11-20T12:00:00Z"), seed: 6 })]);
    await writer.close();
    const db = t.db;
    const snapshot = async () => ({
      userModels: await db.userModelRollup.findMany({ orderBy: [{ userId: "asc" }, { day: "asc" }, { model: "asc" }] }),
      keyLatency: await db.keyLatencyRollup.findMany({ orderBy: [{ key: "asc" }, { hour: "asc" }, { bucket: "asc" }] }),
    });
    const written = await snapshot();
    expect(written.userModels.length).toBeGreaterThan(0);
    expect(written.keyLatency.length).toBeGreaterThan(0);
    // As an install had them when the migration created them: empty.
    await db.$executeRawUnsafe(`DELETE FROM "UserModelRollup"`);
    await db.$executeRawUnsafe(`DELETE FROM "KeyLatencyRollup"`);
    await applyBackfill(db, kind, "_user_model_and_key_latency_rollups.sql");
    expect(await snapshot()).toEqual(written);
  });

  it("the daily property rollup's migration fills it from the hourly one as the log writer would", async () => {
    t = await createTestDatabase(kind);
    const ws = (await findOrCreateWorkspace("w", "W", t.db)).id;
    const writer = createRequestLogWriter(t.target);
    await writer.writeBatch([...demoRows(ws, { count: 300, days: 2, now: new Date("2026-11-20T12:00:00Z"), seed: 7 })].map((r, i) => (i % 5 ? r : { ...r, costNanoUsd: null })));
    await writer.close();
    const db = t.db;
    const snapshot = () => db.propertyDayRollup.findMany({ orderBy: [{ key: "asc" }, { day: "asc" }, { value: "asc" }] });
    const written = await snapshot();
    expect(new Set(written.map((r) => r.day.getTime())).size).toBe(3);
    await db.$executeRawUnsafe(`DELETE FROM "PropertyDayRollup"`);
    await applyBackfill(db, kind, "_property_day_rollup.sql");
    expect(await snapshot()).toEqual(written);
  });
});

/** Runs the statements after a migration's `-- Backfill` comment, as the migration would. */
async function applyBackfill(db: TestDatabase["db"], kind: TestDatabase["kind"], nameEnding: string) {
  const migration = migrationsFor({ kind } as DatabaseTarget).find((m) => m.name.endsWith(nameEnding))!.sql;
  const backfill = migration.slice(migration.indexOf("-- Backfill"));
  for (const statement of backfill.split(/;\s*\n/).map((s) => s.replace(/^--.*$/gm, "").trim()).filter(Boolean)) await db.$executeRawUnsafe(statement);
}
