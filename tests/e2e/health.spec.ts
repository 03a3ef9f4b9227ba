import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropLogPartitionIf } from "@/lib/db/partitions";
import { withPostgresClient } from "@/lib/db/postgres-client";
import { type TestDatabase, createTestDatabase } from "../support/test-db";
import { type RunningApp, startApp } from "../support/app";
import { freePort } from "../support/ports";

describe("GET /api/health", () => {
  let t: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    app = await startApp(t.url);
  });
  afterAll(async () => {
    await app?.stop();
    await t?.drop();
  });

  it("reports ok when the database answers", async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "ok",
      db: "ok",
      log: { pending: 0, spilled: 0, oldestPendingMs: 0, written: 0, deadLettered: 0, duplicates: 0, dropped: 0, stalled: false, deadLetters: 0 },
    });
  });
});

describe("GET /api/health and /metrics on Postgres", () => {
  let t: TestDatabase;
  let app: RunningApp;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    app = await startApp(t.url);
  });
  afterAll(async () => {
    await app?.stop();
    await t?.drop();
  });

  it("report the request log's partitions made ahead, and degrade when tomorrow has none", async () => {
    const health = async () => (await fetch(`${app.url}/api/health`)).json();
    const gauge = async () => /^tollgate_log_partition_days_ahead (\d+)$/m.exec(await (await fetch(`${app.url}/metrics`)).text())?.[1];
    expect(await health()).toMatchObject({ status: "ok", log: { partitionDaysAhead: 7 } });
    expect(await gauge()).toBe("7");

    // As if the hourly job had not run for a week: tomorrow's partition is gone.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
    expect(await withPostgresClient(t.url, (c) => dropLogPartitionIf(c, `d${tomorrow}`, () => true))).toBe(0);
    expect(await health()).toMatchObject({ status: "degraded", reasons: [expect.stringContaining("no partition for tomorrow")], log: { partitionDaysAhead: 0 } });
    expect(await gauge()).toBe("0");
  });
});

describe("starting against a dead database", () => {
  let app: RunningApp;
  beforeAll(async () => {
    const deadPort = await freePort(); // nothing listens there
    app = await startApp(`postgres://tollgate:s3cret-pw@127.0.0.1:${deadPort}/tollgate`);
  });
  afterAll(() => app?.stop());

  it("starts anyway, says why, and reports 503 without leaking the password", async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "degraded", db: "unreachable" });
    expect(app.output()).toMatch(/unreachable or failed to migrate/);
    expect(app.output()).not.toContain("s3cret-pw");
  });
});
