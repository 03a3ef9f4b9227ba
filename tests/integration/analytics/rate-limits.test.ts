import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerHeadroom, rateLimitedSeries } from "@/lib/analytics/rate-limits";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

describe.each(DATABASE_KINDS)("rate-limit analytics on %s", (kind) => {
  let t: TestDatabase;
  let ws: string;
  const FROM = new Date("2026-11-01T00:00:00Z");
  const TO = new Date("2026-12-01T00:00:00Z");

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await findOrCreateWorkspace("w", "W", t.db)).id;
    const rows = [
      { model: "gpt-4o", at: "2026-11-02T09:00:00Z", provider: "openai", status: 200, by: null, headers: { "x-ratelimit-limit-requests": "1000", "x-ratelimit-remaining-requests": "900", "x-ratelimit-limit-tokens": "200000", "x-ratelimit-remaining-tokens": "50000" } },
      { model: "gpt-4o-mini", at: "2026-11-02T10:00:00Z", provider: "openai", status: 429, by: "provider", headers: { "x-ratelimit-limit-requests": "500", "x-ratelimit-remaining-requests": "0", "retry-after": "1" } },
      { model: "claude-haiku-4-5", at: "2026-11-02T11:00:00Z", provider: "anthropic", status: 200, by: null, headers: { "anthropic-ratelimit-requests-limit": "50", "anthropic-ratelimit-requests-remaining": "42", "anthropic-ratelimit-tokens-limit": "8000", "anthropic-ratelimit-tokens-remaining": "7000" } },
      { model: "gpt-4o", at: "2026-11-02T12:00:00Z", provider: "openai", status: 429, by: "gateway", headers: null },
      { model: "gpt-4o-mini", at: "2026-11-03T08:00:00Z", provider: "openai", status: 200, by: "provider", headers: { "x-ratelimit-limit-requests": "500", "x-ratelimit-remaining-requests": "5" } }, // a retry got past a 429
    ];
    for (const r of rows) {
      await t.db.request.create({
        data: { id: randomUUID(), workspaceId: ws, createdAt: new Date(r.at), provider: r.provider, modelRequested: r.model, path: "/v1/chat/completions", status: r.status, latencyMs: 1, rateLimitedBy: r.by, rateLimitHeaders: r.headers ? JSON.stringify(r.headers) : null },
      });
    }
  });
  afterAll(() => t?.drop());

  it("counts requests refused by each provider and by the gateway, per day", async () => {
    expect(await rateLimitedSeries(ws, { from: FROM, to: TO }, "day", "provider", t.db)).toEqual(
      expect.arrayContaining([
        { bucket: "2026-11-02", series: "provider 429 · openai", requests: 1 },
        { bucket: "2026-11-02", series: "gateway 429 · openai", requests: 1 },
        { bucket: "2026-11-03", series: "provider 429 · openai", requests: 1 },
      ]),
    );
    expect(await rateLimitedSeries(ws, { from: FROM, to: TO }, "day", "provider", t.db)).toHaveLength(3);
  });

  it("breaks both down by model instead of provider", async () => {
    const byModel = await rateLimitedSeries(ws, { from: FROM, to: TO }, "day", "model", t.db);
    expect([...byModel].sort((a, b) => (a.bucket + a.series).localeCompare(b.bucket + b.series))).toEqual([
      { bucket: "2026-11-02", series: "gateway 429 · gpt-4o", requests: 1 },
      { bucket: "2026-11-02", series: "provider 429 · gpt-4o-mini", requests: 1 },
      { bucket: "2026-11-03", series: "provider 429 · gpt-4o-mini", requests: 1 },
    ]);
    const headroom = await providerHeadroom(ws, { from: FROM, to: TO }, "day", "model", t.db);
    expect([...headroom].sort((a, b) => (a.bucket + a.group).localeCompare(b.bucket + b.group))).toEqual([
      { bucket: "2026-11-02", group: "claude-haiku-4-5", requestsLeftPercent: 84, tokensLeftPercent: 87.5 },
      { bucket: "2026-11-02", group: "gpt-4o", requestsLeftPercent: 90, tokensLeftPercent: 25 },
      { bucket: "2026-11-02", group: "gpt-4o-mini", requestsLeftPercent: 0, tokensLeftPercent: null },
      { bucket: "2026-11-03", group: "gpt-4o-mini", requestsLeftPercent: 1, tokensLeftPercent: null },
    ]);
  });

  it("reports the lowest headroom each provider announced, as a share of its limit, from OpenAI's and Anthropic's headers", async () => {
    const points = await providerHeadroom(ws, { from: FROM, to: TO }, "day", "provider", t.db);
    expect(points).toEqual(
      expect.arrayContaining([
        { bucket: "2026-11-02", group: "openai", requestsLeftPercent: 0, tokensLeftPercent: 25 },
        { bucket: "2026-11-02", group: "anthropic", requestsLeftPercent: 84, tokensLeftPercent: 87.5 },
        { bucket: "2026-11-03", group: "openai", requestsLeftPercent: 1, tokensLeftPercent: null },
      ]),
    );
  });
});
