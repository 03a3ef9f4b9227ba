// Unpriced models for Settings → Pricing, on both databases, from hand-made rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unpricedModels } from "@/lib/analytics/unpriced";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { createRequestLogWriter } from "@/lib/db/request-log-writer";
import { logRow } from "../../support/request-rows";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

const WINDOW = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") };

describe.each(DATABASE_KINDS)("unpriced models on %s", (kind) => {
  let t: TestDatabase;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await findOrCreateWorkspace("w", "W", t.db)).id;
    const other = (await findOrCreateWorkspace("other", "Other", t.db)).id;
    const writer = createRequestLogWriter(t.target);
    await writer.writeBatch([
      logRow(ws, { provider: "lab", modelRequested: "lab/qwen2.5-7b", createdAt: new Date("2026-11-10T10:00:00Z"), costNanoUsd: null }),
      logRow(ws, { provider: "lab", modelRequested: "lab/qwen2.5-7b", createdAt: new Date("2026-11-12T09:30:00Z"), costNanoUsd: null }),
      logRow(ws, { provider: "openai", modelRequested: "ft:gpt-4o-mini:acme", createdAt: new Date("2026-11-11T00:00:00Z"), costNanoUsd: null }),
      logRow(ws, { provider: "openai", modelRequested: "gpt-4o-mini", createdAt: new Date("2026-11-11T00:00:00Z"), costNanoUsd: 10n }), // priced
      logRow(ws, { provider: "openai", modelRequested: "gpt-9", status: 404, createdAt: new Date("2026-11-11T00:00:00Z"), costNanoUsd: null, promptTokens: null, completionTokens: null }), // no tokens used
      logRow(ws, { provider: "lab", modelRequested: "lab/old", createdAt: new Date("2026-10-01T00:00:00Z"), costNanoUsd: null }), // before the window
      logRow(other, { provider: "lab", modelRequested: "lab/theirs", createdAt: new Date("2026-11-11T00:00:00Z"), costNanoUsd: null }),
    ]);
    await writer.close();
  });
  afterAll(() => t?.drop());

  it("lists models that used tokens without a price, as the provider names them, busiest first", async () => {
    expect(await unpricedModels(ws, WINDOW, t.db)).toEqual([
      { provider: "lab", model: "qwen2.5-7b", requests: 2, lastSeen: new Date("2026-11-12T09:30:00Z") },
      { provider: "openai", model: "ft:gpt-4o-mini:acme", requests: 1, lastSeen: new Date("2026-11-11T00:00:00Z") },
    ]);
  });
});
