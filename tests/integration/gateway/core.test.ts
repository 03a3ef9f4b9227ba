// The gateway core, served in-process, on both databases.
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createdAtOfId } from "@/lib/request-id";
import { type GatewayHarness, startGatewayHarness } from "../../support/gateway/harness";
import { cacheScenarios, gatewayConfigScenarios, gatewayScenarios, rateLimitScenarios } from "../../support/gateway/scenarios";
import { fakeProviderEnv, startCore } from "../../support/gateway/harness";
import { EXACT_REDIS, TEST_REDIS_URL, deletePrefix, uniquePrefix } from "../../support/redis";
import { budgetScenarios } from "../../support/gateway/budget-scenarios";
import { bringLogTableBack, takeLogTableOffline } from "../../support/outage";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";
import { type FakeProviders, startFakeProviders } from "../../support/fake-providers/server";
import { logRow } from "../../support/request-rows";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { createApiKey } from "@/lib/db/api-keys";
import { createBudget } from "@/lib/db/budgets";
import { createRequestLogWriter } from "@/lib/db/request-log-writer";

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
    harness = await startGatewayHarness("core", "postgres", { REDIS_URL: TEST_REDIS_URL, TOLLGATE_REDIS_PREFIX: prefix, ...EXACT_REDIS });
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
    const replica = await startCore({ ...fakeProviderEnv(harness.fake), REDIS_URL: TEST_REDIS_URL, TOLLGATE_REDIS_PREFIX: prefix, ...EXACT_REDIS }, harness.t);
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

describe.each(DATABASE_KINDS)("budget periods at the gateway on %s, with a controlled clock", (kind) => {
  let t: TestDatabase;
  let fake: FakeProviders;
  let now = new Date("2026-11-26T22:59:00Z"); // 23:59 in Paris
  let core: Awaited<ReturnType<typeof startCore>>;
  let key: string;
  let workspaceId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fake = await startFakeProviders();
    const ws = await findOrCreateWorkspace("paris", "Paris", t.db);
    workspaceId = ws.id;
    await t.db.workspace.update({ where: { id: ws.id }, data: { timeZone: "Europe/Paris" } });
    key = (await createApiKey({ workspaceId, name: "clock" }, t.db)).secret;
    core = await startCore(fakeProviderEnv(fake), t, () => now);
  });
  afterAll(async () => {
    await core?.stop();
    await fake?.close();
    await t?.drop();
  });

  it("counts spend already logged today, and starts afresh at the workspace's midnight", async () => {
    await createBudget(workspaceId, { name: "Daily", enabled: true, scope: "user", scopeValue: "night-owl", propertyKey: null, limitUsd: 1, period: "day", action: "block", notifyAtPercent: [], channels: { emails: [] } }, t.db);
    // A dollar already spent today (Paris time), logged before this gateway process started.
    const writer = createRequestLogWriter(t.target);
    await writer.writeBatch([logRow(workspaceId, { userId: "night-owl", createdAt: new Date("2026-11-26T10:00:00Z"), costNanoUsd: 1_000_000_000n })]);
    await writer.close();

    const client = new OpenAI({ baseURL: `${core.url}/v1`, apiKey: key, maxRetries: 0 });
    const ask = () => client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "still up?" }] }, { headers: { "Helicone-User-Id": "night-owl" } }).then(() => 200, (e: { status: number }) => e.status);
    expect(await ask()).toBe(429);
    now = new Date("2026-11-26T23:01:00Z"); // 00:01 on the 27th in Paris: a new day
    expect(await ask()).toBe(200);
  });
});

describe("gateway core refusing models their provider does not serve", () => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startGatewayHarness("core", "sqlite", (fake) => ({ TOLLGATE_UNKNOWN_MODELS: "refuse", TOLLGATE_PROVIDERS: `lab=${fake.url}/v1`, LAB_API_KEY: "lab-key", TOLLGATE_PRICE_OVERRIDE_TTL_MS: "100" }));
  });
  afterAll(() => harness?.stop());
  beforeEach(() => harness.fake.reset());

  const ask = (model: string) =>
    new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: harness.key, maxRetries: 0 }).chat.completions
      .create({ model, messages: [{ role: "user", content: "hi" }] })
      .withResponse()
      .then(
        (r) => ({ status: 200, id: r.response.headers.get("x-request-id")!, error: undefined }),
        (e: InstanceType<typeof OpenAI.APIError>) => ({ status: e.status, id: e.headers?.get("x-request-id") ?? "", error: e.error as { message: string; code: string; param: string } }),
      );

  it("answers a typo with a 400 naming the close matches, logged, without calling the provider", async () => {
    const typo = await ask("gpt-4o-mimi");
    expect(typo.status).toBe(400);
    expect(typo.error).toMatchObject({ code: "model_not_found", param: "model" });
    expect(typo.error!.message).toContain('Did you mean "gpt-4o-mini"');
    const row = await harness.row(typo.id);
    expect(row).toMatchObject({ status: 400, modelRequested: "gpt-4o-mimi" });
    expect(createdAtOfId(typo.id)).toEqual(row!.createdAt); // the id names the row's time (its day partition on Postgres)
    // Only the provider's model list was read (the bundled prices do not know the name).
    expect(harness.fake.requests().map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/models"]);

    const claude = await ask("claude-haiku-4-6");
    expect(claude.status).toBe(400);
    expect(claude.error!.message).toContain('"claude-haiku-4-5"');
    // Later typos for the same provider and key are answered from the list already read.
    harness.fake.reset();
    expect((await ask("gpt-4o-mimi")).status).toBe(400);
    expect(harness.fake.requests()).toEqual([]);
  });

  it("lets through what the provider lists for the key, what the workspace has priced, and any model of a custom provider", async () => {
    // A fine-tune: no bundled price, but in the organisation's model list.
    const fineTune = await ask("openai/ft:gpt-4o-mini-2024-07-18:acme::B1xq9");
    expect(fineTune.status).toBe(200);
    expect(await harness.row(fineTune.id)).toMatchObject({ status: 200, provider: "openai", modelRequested: "openai/ft:gpt-4o-mini-2024-07-18:acme::B1xq9" });

    expect((await ask("gpt-house-special")).status).toBe(400);
    await harness.t.db.priceOverride.create({ data: { workspaceId: harness.workspaceId, provider: "openai", model: "gpt-house-special", inputNanoPerMTok: 1_000_000_000n, outputNanoPerMTok: 2_000_000_000n } });
    await new Promise((r) => setTimeout(r, 150)); // the override cache refreshes every 100 ms here
    expect((await ask("gpt-house-special")).status).toBe(200);

    expect((await ask("lab/whatever-the-server-runs")).status).toBe(200);
  });

  it("lets every name through while the provider's list cannot be read", async () => {
    const { ModelDirectory } = await import("@/lib/providers/known-models");
    const { Agent } = await import("undici");
    const closed = await startFakeProviders();
    await closed.close(); // a port nothing listens on
    const directory = new ModelDirectory({ dispatcherFor: () => new Agent() });
    const provider = { id: "openai", format: "openai" as const, baseUrl: `${closed.url}/v1`, keyOptional: false, pricingId: "openai", acceptsStreamOptions: true };
    expect(await directory.unknown(provider, "gpt-9-preview", "sk-x", async () => false)).toBeUndefined();
    expect(await directory.unknown(provider, "gpt-4o-mini", "sk-x", async () => false)).toBeUndefined();
  });
});
