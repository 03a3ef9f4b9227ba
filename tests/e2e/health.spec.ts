import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
