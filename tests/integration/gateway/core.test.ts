// The gateway core, served in-process, on both databases.
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "../../support/gateway/harness";
import { cacheScenarios, gatewayConfigScenarios, gatewayScenarios, rateLimitScenarios } from "../../support/gateway/scenarios";
import { fakeProviderEnv, startCore } from "../../support/gateway/harness";
import { TEST_REDIS_URL, deletePrefix, uniquePrefix } from "../../support/redis";
import { budgetScenarios } from "../../support/gateway/budget-scenarios";
import { bringLogTableBack, takeLogTableOffline } from "../../support/outage";
import { DATABASE_KINDS } from "../../support/test-db";

describe.each(DATABASE_KINDS)("gateway core on %s", (kind) => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startGatewayHarness("core", kind);
  });
  afterAll(() => harness?.stop());
  beforeEach(() => harness.fake.reset());

  gatewayScenarios(() => harness);

  it("keeps serving while the log can't be written, and writes the rows once it can", async () => {
    await takeLogTableOffline(harness.t);
    const client = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: harness.key, maxRetries: 0 });
    let ids: string[];
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }).withResponse()));
      expect(results.every((r) => r.data.choices.length === 1)).toBe(true);
      ids = results.map((r) => r.response.headers.get("helicone-id")!);
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await bringLogTableBack(harness.t);
    }
    await Promise.all(ids.map((id) => harness.row(id)));
  });
});

describe("gateway core with Azure, a custom provider and price overrides", () => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startGatewayHarness("core", "sqlite", (fake) => ({
      AZURE_OPENAI_BASE_URL: `${fake.url}/v1`,
      AZURE_OPENAI_API_KEY: "azure-key",
      TOLLGATE_PROVIDERS: `lab=${fake.url}/v1`,
      LAB_API_KEY: "lab-key",
      TOLLGATE_PRICE_OVERRIDE_TTL_MS: "300",
      TOLLGATE_RATE_LIMIT_RULE_TTL_MS: "300",
    }));
  });
  afterAll(() => harness?.stop());
  beforeEach(() => harness.fake.reset());

  gatewayConfigScenarios(() => harness);
});

describe("gateway core with its cache and rate limits in Redis", () => {
  let harness: GatewayHarness;
  const prefix = uniquePrefix();
  beforeAll(async () => {
    harness = await startGatewayHarness("core", "postgres", { REDIS_URL: TEST_REDIS_URL, TOLLGATE_REDIS_PREFIX: prefix });
  });
  afterAll(async () => {
    await harness?.stop();
    await deletePrefix(prefix);
  });
  beforeEach(() => harness.fake.reset());

  cacheScenarios(() => harness);
  rateLimitScenarios(() => harness);
  budgetScenarios(() => harness);

  it("shares cached answers between two gateway replicas", async () => {
    const replica = await startCore({ ...fakeProviderEnv(harness.fake), REDIS_URL: TEST_REDIS_URL, TOLLGATE_REDIS_PREFIX: prefix }, harness.t);
    try {
      const body = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: `shared ${Math.random()}` }] };
      const headers = { headers: { "Helicone-Cache-Enabled": "true" } };
      const first = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: harness.key, maxRetries: 0 });
      const second = new OpenAI({ baseURL: `${replica.url}/v1`, apiKey: harness.key, maxRetries: 0 });
      const miss = await first.chat.completions.create(body, headers).withResponse();
      expect(miss.response.headers.get("helicone-cache")).toBe("MISS");
      await harness.row(miss.response.headers.get("helicone-id")!); // the save follows the log write
      await new Promise((r) => setTimeout(r, 50));
      harness.fake.reset();
      const hit = await second.chat.completions.create(body, headers).withResponse();
      expect(hit.response.headers.get("helicone-cache")).toBe("HIT");
      expect(hit.data).toEqual(miss.data);
      expect(harness.fake.counts()).toEqual({});
    } finally {
      await replica.stop();
    }
  });
});
