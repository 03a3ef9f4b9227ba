import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

describe.each(DATABASE_KINDS)("schema on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t?.drop());

  it("applies every migration once and records it", async () => {
    const again = await migrate(t.target);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBeGreaterThanOrEqual(1);
  });

  it("stores a full request row with nano-dollar cost and properties", async () => {
    const ws = await t.db.workspace.create({ data: { slug: `ws-${randomUUID()}`, name: "W", webhookSecret: "s" } });
    const id = randomUUID();
    const createdAt = new Date("2026-11-20T10:00:00Z");
    await t.db.request.create({
      data: {
        id,
        workspaceId: ws.id,
        createdAt,
        provider: "openai",
        modelRequested: "gpt-4o-mini",
        modelServed: "gpt-4o-mini-2024-07-18",
        path: "/v1/chat/completions",
        status: 200,
        latencyMs: 812,
        timeToFirstTokenMs: 120,
        streamed: true,
        promptTokens: 1000,
        completionTokens: 500,
        cachedInputTokens: 200,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        // More than 2^53 nano-USD: must survive as an exact BigInt on both databases.
        costNanoUsd: 9_007_199_254_740_993n,
        userId: "user_42",
        sessionId: "s1",
        sessionPath: "/research/step-1",
        sessionName: "Research",
        cacheStatus: "MISS",
        rateLimitHeaders: JSON.stringify({ "x-ratelimit-remaining-requests": "9999" }),
        requestBody: "{}",
        responseBodyState: "truncated",
        properties: { create: [{ workspaceId: ws.id, key: "workflow", value: "research-agent", createdAt }] },
      },
    });
    const row = await t.db.request.findUniqueOrThrow({ where: { id }, include: { properties: true } });
    expect(row.costNanoUsd).toBe(9_007_199_254_740_993n);
    expect(row.createdAt.toISOString()).toBe("2026-11-20T10:00:00.000Z");
    expect(row.responseBodyState).toBe("truncated");
    expect(row.properties).toEqual([expect.objectContaining({ key: "workflow", value: "research-agent" })]);

    const hits = await t.db.requestProperty.findMany({
      where: { workspaceId: ws.id, key: "workflow", value: "research-agent", createdAt: { gte: new Date("2026-11-19T00:00:00Z") } },
    });
    expect(hits.map((h) => h.requestId)).toEqual([id]);
  });

  it("keeps one alert state per rule and group", async () => {
    const ws = await t.db.workspace.create({ data: { slug: `ws-${randomUUID()}`, name: "W", webhookSecret: "s" } });
    const rule = await t.db.alertRule.create({
      data: { workspaceId: ws.id, name: "Daily spend", metric: "spend", comparison: "gt", threshold: 50, windowKind: "calendar_day", channels: "{}" },
    });
    await t.db.alertState.create({ data: { alertRuleId: rule.id, groupKey: "", state: "ok", lastEvaluatedAt: new Date() } });
    await expect(t.db.alertState.create({ data: { alertRuleId: rule.id, groupKey: "", state: "firing", lastEvaluatedAt: new Date() } })).rejects.toThrow();
    const event = await t.db.alertEvent.create({
      data: { workspaceId: ws.id, alertRuleId: rule.id, kind: "fired", value: 51.2, threshold: 50, deliveries: { create: [{ channel: "webhook", target: "https://hooks.example/x", status: "delivered" }] } },
      include: { deliveries: true },
    });
    expect(event.deliveries).toHaveLength(1);
    const budget = await t.db.budget.create({ data: { workspaceId: ws.id, name: "Team cap", scope: "workspace", limitNanoUsd: 100_000_000_000n, period: "month" } });
    expect(budget.limitNanoUsd).toBe(100_000_000_000n);
    await t.db.rateLimitRule.create({ data: { workspaceId: ws.id, name: "per user", scope: "user", unit: "requests", quota: 100, windowSeconds: 60 } });
  });

  it("deletes a workspace's rows with it", async () => {
    const ws = await t.db.workspace.create({ data: { slug: `ws-${randomUUID()}`, name: "W", webhookSecret: "s" } });
    const id = randomUUID();
    const createdAt = new Date(); // a property carries its request's time (on Postgres, part of the key it points at)
    await t.db.request.create({
      data: { id, workspaceId: ws.id, createdAt, provider: "openai", modelRequested: "m", path: "/v1/chat/completions", status: 200, latencyMs: 1, properties: { create: [{ workspaceId: ws.id, key: "k", value: "v", createdAt }] } },
    });
    await t.db.workspace.delete({ where: { id: ws.id } });
    expect(await t.db.request.count({ where: { id } })).toBe(0);
    expect(await t.db.requestProperty.count({ where: { requestId: id } })).toBe(0);
  });
});
