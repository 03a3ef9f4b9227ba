// Two `npm start` processes on one Postgres database, both running the alert evaluator every
// 300 ms: the alert that becomes true produces exactly one notification, with the replicas
// coordinating through a Postgres advisory lock, and again through a Redis lease.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { createAlertRule } from "@/lib/db/alert-rules";
import { createRequestLogWriter } from "@/lib/db/request-log-writer";
import { type RunningApp, startApp } from "../support/app";
import { type HttpReceiver, startHttpReceiver } from "../support/receivers";
import { TEST_REDIS_URL, deletePrefix, uniquePrefix } from "../support/redis";
import { logRow } from "../support/request-rows";
import { type TestDatabase, createTestDatabase } from "../support/test-db";

describe.each([
  ["a Postgres advisory lock", false],
  ["a Redis lease", true],
])("alert evaluation on two replicas, through %s", (_how, withRedis) => {
  let t: TestDatabase;
  let receiver: HttpReceiver;
  let replicas: RunningApp[] = [];
  const prefix = uniquePrefix();

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    receiver = await startHttpReceiver();
    const env: Record<string, string> = { TOLLGATE_ALERTS_INTERVAL_MS: "300", TOLLGATE_ALLOW_PRIVATE_WEBHOOKS: "1", ...(withRedis ? { REDIS_URL: TEST_REDIS_URL, TOLLGATE_REDIS_PREFIX: prefix } : {}) };
    replicas = await Promise.all([startApp(t.url, env), startApp(t.url, env)]);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await receiver?.close();
    await t?.drop();
    await deletePrefix(prefix);
  });

  it("sends one notification however many ticks both replicas run", async () => {
    const ws = await findOrCreateWorkspace("default", "Default", t.db);
    await createAlertRule(ws.id, { name: "Any traffic", enabled: true, metric: "requests", comparison: "gte", threshold: 1, window: { kind: "rolling", minutes: 60 }, minRequests: 0, cooldownMinutes: 15, channels: { emails: [], webhookUrl: `${receiver.url}/hook` } }, t.db);
    const writer = createRequestLogWriter(t.target);
    await writer.writeBatch([logRow(ws.id)]);
    await writer.close();

    await receiver.waitFor(1, 15_000);
    await new Promise((r) => setTimeout(r, 3000)); // ten more ticks on each replica
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: "alert.fired", value: 1 });
    expect(await t.db.alertEvent.count({ where: { workspaceId: ws.id } })).toBe(1);
  });
});
