// The values alerts and budgets watch, on both databases, against sums worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricByGroup, spendNanoByGroup } from "@/lib/analytics/alert-metrics";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { createRequestLogWriter } from "@/lib/db/request-log-writer";
import { logRow } from "../../support/request-rows";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

const WINDOW = { from: new Date("2026-11-26T10:00:00Z"), to: new Date("2026-11-26T11:00:00Z") };
const at = (minute: number) => new Date(WINDOW.from.getTime() + minute * 60_000);

describe.each(DATABASE_KINDS)("alert metrics on %s", (kind) => {
  let t: TestDatabase;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await findOrCreateWorkspace("metrics", "Metrics", t.db)).id;
    const other = (await findOrCreateWorkspace("other", "Other", t.db)).id;
    const writer = createRequestLogWriter(t.target);
    // 20 gpt-4o calls by alice with latencies 10, 20, … 200 ms, the last two failing, tagged Workflow=a;
    // 3 claude calls by bob through key k2, 1.5 s each, tagged Workflow=b; one untagged call by nobody.
    await writer.writeBatch([
      ...Array.from({ length: 20 }, (_, i) =>
        logRow(ws, { createdAt: at(i), modelServed: "gpt-4o", userId: "alice", apiKeyId: "k1", latencyMs: (i + 1) * 10, status: i >= 18 ? 500 : 200, costNanoUsd: 1_000_000n, promptTokens: 100, completionTokens: 50, properties: [{ key: "workflow", value: "a" }] }),
      ),
      ...Array.from({ length: 3 }, (_, i) =>
        logRow(ws, { createdAt: at(30 + i), provider: "anthropic", modelRequested: "claude-haiku-4-5", modelServed: "claude-haiku-4-5", userId: "bob", apiKeyId: "k2", latencyMs: 1500, costNanoUsd: 7_000_000_001n, promptTokens: 1000, completionTokens: null, properties: [{ key: "workflow", value: "b" }] }),
      ),
      logRow(ws, { createdAt: at(59), modelServed: "gpt-4o-mini", latencyMs: 5, costNanoUsd: null, promptTokens: null, completionTokens: null, properties: [] }),
      logRow(ws, { createdAt: at(60), costNanoUsd: 99n }), // the window's end is exclusive
      logRow(ws, { createdAt: at(-1), costNanoUsd: 99n }),
      logRow(other, { createdAt: at(5), costNanoUsd: 99n }),
    ]);
    await writer.close();
  });
  afterAll(() => t?.drop());

  const values = async (...args: Parameters<typeof metricByGroup> extends [string, ...infer Rest] ? Rest : never) =>
    Object.fromEntries((await metricByGroup(ws, ...args)).map((v) => [v.group, [v.value, v.requests]]));

  it("sums spend, requests and tokens for the whole workspace", async () => {
    expect(await values("spend", WINDOW, null, null, t.db)).toEqual({ "": [21.020000003, 24] });
    expect(await values("requests", WINDOW, null, null, t.db)).toEqual({ "": [24, 24] });
    expect(await values("tokens", WINDOW, null, null, t.db)).toEqual({ "": [20 * 150 + 3 * 1000, 24] });
  });

  it("splits by user, model and property, with the ungrouped calls in their own group", async () => {
    expect(await values("requests", WINDOW, null, "user", t.db)).toEqual({ alice: [20, 20], bob: [3, 3], "(no user)": [1, 1] });
    expect(await values("error_rate", WINDOW, null, "model", t.db)).toEqual({ "gpt-4o": [10, 20], "claude-haiku-4-5": [0, 3], "gpt-4o-mini": [0, 1] });
    expect(await values("spend", WINDOW, null, "property:Workflow", t.db)).toEqual({ a: [0.02, 20], b: [21.000000003, 3], "(none)": [0, 1] });
  });

  it("ranks p95 latency exactly (nearest rank) per group", async () => {
    // alice: rank ceil(0.95 × 20) = 19 → 190 ms; all 24: rank 23 of [5, 10…200, 1500×3] → 1500 ms.
    expect(await values("latency_p95", WINDOW, null, "user", t.db)).toEqual({ alice: [190, 20], bob: [1500, 3], "(no user)": [5, 1] });
    expect(await values("latency_p95", WINDOW, null, null, t.db)).toEqual({ "": [1500, 24] });
  });

  it("narrows by model, user, API key and property value", async () => {
    expect(await values("requests", WINDOW, { model: "claude-haiku-4-5" }, null, t.db)).toEqual({ "": [3, 3] });
    expect(await values("requests", WINDOW, { userId: "alice" }, null, t.db)).toEqual({ "": [20, 20] });
    expect(await values("requests", WINDOW, { apiKeyId: "k2" }, "user", t.db)).toEqual({ bob: [3, 3] });
    expect(await values("error_rate", WINDOW, { property: { key: "Workflow", value: "a" } }, null, t.db)).toEqual({ "": [10, 20] });
    expect(await values("requests", WINDOW, { userId: "nobody" }, null, t.db)).toEqual({});
  });

  it("gives budgets exact nano-dollar spend per API key", async () => {
    expect(await spendNanoByGroup(ws, WINDOW, null, "api_key", t.db)).toEqual(
      new Map([
        ["k1", 20_000_000n],
        ["k2", 21_000_000_003n],
        ["", 0n],
      ]),
    );
  });
});
