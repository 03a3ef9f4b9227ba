import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { propertyKeySummaries, propertyKeys, propertyValueOptions, propertyValueSummaries } from "@/lib/analytics/properties";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { rebuildRollups } from "@/lib/db/rebuild-rollups";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

describe.each(DATABASE_KINDS)("property analytics on %s", (kind) => {
  let t: TestDatabase;
  let ws: string;
  const since = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2027-01-01T00:00:00Z") };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await findOrCreateWorkspace("w", "W", t.db)).id;
    const rows = [
      { props: { workflow: "research", step: "plan" }, cost: 100n, latency: 100, tokens: [10, 20] },
      { props: { workflow: "research", step: "write" }, cost: 300n, latency: 300, tokens: [30, 40] },
      { props: { workflow: "support" }, cost: 50n, latency: 50, tokens: [5, null] },
    ];
    for (const r of rows) {
      const createdAt = new Date("2026-11-10T10:00:00Z");
      await t.db.request.create({
        data: {
          id: randomUUID(), workspaceId: ws, createdAt, provider: "x", modelRequested: "m", path: "/v1/chat/completions", status: 200, latencyMs: r.latency, costNanoUsd: r.cost,
          promptTokens: r.tokens[0], completionTokens: r.tokens[1],
          properties: { create: Object.entries(r.props).map(([key, value]) => ({ workspaceId: ws, key, value, createdAt })) },
        },
      });
    }
    // Rows made through Prisma bypass the log writer that keeps the rollups.
    await rebuildRollups(t.db);
  });
  afterAll(() => t?.drop());

  it("lists keys by use, with their number of values", async () => {
    expect(await propertyKeySummaries(ws, since, t.db)).toEqual([
      { key: "workflow", requests: 3, values: 2 },
      { key: "step", requests: 2, values: 2 },
    ]);
    expect(await propertyKeys(ws, since, t.db)).toEqual(["step", "workflow"]);
  });

  it("summarises each value of a key: requests, spend, average latency and tokens", async () => {
    expect(await propertyValueSummaries(ws, "Workflow", since, t.db)).toEqual([
      { value: "research", requests: 2, spendNano: 400n, avgLatencyMs: 200, avgTokens: 50 },
      { value: "support", requests: 1, spendNano: 50n, avgLatencyMs: 50, avgTokens: 5 },
    ]);
  });

  it("offers a key's values, most used first, for the filter bar", async () => {
    expect(await propertyValueOptions(ws, "workflow", since, 50, t.db)).toEqual(["research", "support"]);
    expect(await propertyValueOptions(ws, "workflow", since, 1, t.db)).toEqual(["research"]);
    expect(await propertyValueOptions(ws, "nope", since, 50, t.db)).toEqual([]);
  });
});
