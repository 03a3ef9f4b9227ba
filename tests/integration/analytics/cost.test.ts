import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costBreakdown, costSeries } from "@/lib/analytics/cost";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { rebuildRollups } from "@/lib/db/rebuild-rollups";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

// Hand-made rows: the expected sums below are worked out from them, not from the code.
const ROWS = [
  { at: "2026-11-02T09:15:00Z", model: "gpt-4o", served: "gpt-4o-2024-08-06", provider: "openai", user: "u1", cost: 1_000n, props: { workflow: "research", step: "plan" } },
  { at: "2026-11-02T09:45:00Z", model: "gpt-4o-mini", served: null, provider: "openai", user: "u1", cost: 250n, props: { workflow: "research", step: "search" } },
  { at: "2026-11-02T10:05:00Z", model: "claude-haiku-4-5", served: "claude-haiku-4-5", provider: "anthropic", user: "u2", cost: 4_000n, props: { workflow: "support" } },
  { at: "2026-11-03T23:59:59Z", model: "gpt-4o-mini", served: "gpt-4o-mini", provider: "openai", user: null, cost: null, props: {} },
  { at: "2026-11-09T12:00:00Z", model: "gpt-4o", served: "gpt-4o-2024-08-06", provider: "openai", user: "u2", cost: 9_007_199_254_740_993n, props: { workflow: "research" } },
  { at: "2026-10-31T23:59:59Z", model: "gpt-4o", served: "gpt-4o-2024-08-06", provider: "openai", user: "u1", cost: 77n, props: { workflow: "research" } }, // before the range
];
const FROM = new Date("2026-11-01T00:00:00Z");
const TO = new Date("2026-12-01T00:00:00Z");

describe.each(DATABASE_KINDS)("cost queries on %s", (kind) => {
  let t: TestDatabase;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await findOrCreateWorkspace("w", "W", t.db)).id;
    const other = (await findOrCreateWorkspace("other", "Other", t.db)).id;
    for (const [i, r] of ROWS.entries()) {
      const id = randomUUID();
      const createdAt = new Date(r.at);
      await t.db.request.create({
        data: {
          id,
          workspaceId: ws,
          createdAt,
          provider: r.provider,
          modelRequested: r.model,
          modelServed: r.served,
          path: "/v1/chat/completions",
          status: 200,
          latencyMs: 10 + i,
          userId: r.user,
          costNanoUsd: r.cost,
          properties: { create: Object.entries(r.props).map(([key, value]) => ({ workspaceId: ws, key, value, createdAt })) },
        },
      });
    }
    await t.db.request.create({ data: { id: randomUUID(), workspaceId: other, createdAt: new Date("2026-11-02T09:00:00Z"), provider: "openai", modelRequested: "gpt-4o", path: "/v1/chat/completions", status: 200, latencyMs: 1, costNanoUsd: 123n } });
    // Rows made through Prisma bypass the log writer that keeps the rollups.
    await rebuildRollups(t.db);
  });
  afterAll(() => t?.drop());

  it("sums spend per served model, exactly, above 2^53 nano-dollars", async () => {
    expect(await costBreakdown(ws, { from: FROM, to: TO }, { kind: "model" }, t.db)).toEqual([
      { group: "gpt-4o-2024-08-06", spendNano: 9_007_199_254_741_993n, requests: 2 },
      { group: "claude-haiku-4-5", spendNano: 4_000n, requests: 1 },
      { group: "gpt-4o-mini", spendNano: 250n, requests: 2 },
    ]);
  });

  it("sums spend per provider and per user", async () => {
    expect(await costBreakdown(ws, { from: FROM, to: TO }, { kind: "provider" }, t.db)).toEqual([
      { group: "openai", spendNano: 9_007_199_254_742_243n, requests: 4 },
      { group: "anthropic", spendNano: 4_000n, requests: 1 },
    ]);
    expect(await costBreakdown(ws, { from: FROM, to: TO }, { kind: "user" }, t.db)).toEqual([
      { group: "u2", spendNano: 9_007_199_254_744_993n, requests: 2 },
      { group: "u1", spendNano: 1_250n, requests: 2 },
      { group: "(no user)", spendNano: 0n, requests: 1 },
    ]);
  });

  it("sums spend per property value, with requests lacking it as (none)", async () => {
    expect(await costBreakdown(ws, { from: FROM, to: TO }, { kind: "property", key: "Workflow" }, t.db)).toEqual([
      { group: "research", spendNano: 9_007_199_254_742_243n, requests: 3 },
      { group: "support", spendNano: 4_000n, requests: 1 },
      { group: "(none)", spendNano: 0n, requests: 1 },
    ]);
    const steps = await costBreakdown(ws, { from: FROM, to: TO }, { kind: "property", key: "step" }, t.db);
    expect(steps.find((s) => s.group === "plan")).toEqual({ group: "plan", spendNano: 1_000n, requests: 1 });
  });

  it("narrows to requests with a property value, then breaks them down by another key or by model", async () => {
    const research = { workspaceId: ws, properties: [{ key: "Workflow", value: "research" }] };
    const window = { from: FROM, to: TO };
    expect(await costBreakdown(research, window, { kind: "property", key: "step" }, t.db)).toEqual([
      { group: "(none)", spendNano: 9_007_199_254_740_993n, requests: 1 },
      { group: "plan", spendNano: 1_000n, requests: 1 },
      { group: "search", spendNano: 250n, requests: 1 },
    ]);
    expect(await costBreakdown(research, window, { kind: "model" }, t.db)).toEqual([
      { group: "gpt-4o-2024-08-06", spendNano: 9_007_199_254_741_993n, requests: 2 },
      { group: "gpt-4o-mini", spendNano: 250n, requests: 1 },
    ]);
    const both = { workspaceId: ws, properties: [{ key: "workflow", value: "research" }, { key: "step", value: "search" }] };
    expect(await costBreakdown(both, window, { kind: "user" }, t.db)).toEqual([{ group: "u1", spendNano: 250n, requests: 1 }]);
    const byDay = await costSeries(research, window, { kind: "property", key: "step" }, "day", t.db);
    expect(byDay).toEqual([
      { bucket: "2026-11-02", group: "plan", spendNano: 1_000n },
      { bucket: "2026-11-02", group: "search", spendNano: 250n },
      { bucket: "2026-11-09", group: "(none)", spendNano: 9_007_199_254_740_993n },
    ]);
  });

  it("buckets spend by hour, day, week (from Monday) and month", async () => {
    const byDay = await costSeries(ws, { from: FROM, to: TO }, { kind: "provider" }, "day", t.db);
    expect(byDay).toEqual([
      { bucket: "2026-11-02", group: "anthropic", spendNano: 4_000n },
      { bucket: "2026-11-02", group: "openai", spendNano: 1_250n },
      { bucket: "2026-11-03", group: "openai", spendNano: 0n },
      { bucket: "2026-11-09", group: "openai", spendNano: 9_007_199_254_740_993n },
    ].sort((a, b) => (a.bucket === b.bucket ? 0 : a.bucket < b.bucket ? -1 : 1)));
    const byHour = await costSeries(ws, { from: FROM, to: new Date("2026-11-03T00:00:00Z") }, { kind: "user" }, "hour", t.db);
    expect(byHour.map((p) => [p.bucket, p.group, p.spendNano])).toEqual(
      expect.arrayContaining([
        ["2026-11-02T09:00", "u1", 1_250n],
        ["2026-11-02T10:00", "u2", 4_000n],
      ]),
    );
    const byWeek = await costSeries(ws, { from: FROM, to: TO }, { kind: "provider" }, "week", t.db);
    // 2 and 3 November 2026 are a Monday and Tuesday; 9 November starts the next week.
    expect(byWeek.filter((p) => p.group === "openai").map((p) => [p.bucket, p.spendNano])).toEqual([
      ["2026-11-02", 1_250n],
      ["2026-11-09", 9_007_199_254_740_993n],
    ]);
    const byMonth = await costSeries(ws, { from: FROM, to: TO }, { kind: "provider" }, "month", t.db);
    expect(byMonth).toEqual(expect.arrayContaining([{ bucket: "2026-11", group: "openai", spendNano: 9_007_199_254_742_243n }]));
  });
});
