// Rate limits that hold across replicas: two `npm start` processes sharing Redis let exactly the
// quota through, however the requests are spread between them.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { createApiKey } from "@/lib/db/api-keys";
import { type RunningApp, startApp } from "../support/app";
import { type FakeProviders, startFakeProviders } from "../support/fake-providers/server";
import { fakeProviderEnv } from "../support/gateway/harness";
import { EXACT_REDIS, TEST_REDIS_URL, deletePrefix, uniquePrefix } from "../support/redis";
import { type TestDatabase, createTestDatabase } from "../support/test-db";

describe("rate limits across two replicas sharing Redis", () => {
  let t: TestDatabase;
  let fake: FakeProviders;
  let replicas: RunningApp[];
  let key: string;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    fake = await startFakeProviders();
    key = (await createApiKey({ workspaceId: (await findOrCreateWorkspace("default", "Default", t.db)).id, name: "replicas" }, t.db)).secret;
    const env = { ...fakeProviderEnv(fake), REDIS_URL: TEST_REDIS_URL, TOLLGATE_REDIS_PREFIX: prefix, ...EXACT_REDIS };
    replicas = await Promise.all([startApp(t.url, env), startApp(t.url, env)]);
  });
  afterAll(async () => {
    await Promise.all((replicas ?? []).map((r) => r.stop()));
    await fake?.close();
    await t?.drop();
    await deletePrefix(prefix);
  });

  it("lets exactly 50 of 200 parallel requests through", async () => {
    const clients = replicas.map((r) => new OpenAI({ baseURL: `${r.url}/v1`, apiKey: key, maxRetries: 0 }));
    const headers = { "Helicone-RateLimit-Policy": "50;w=60" };
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        clients[i % 2]!.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: `n${i}` }] }, { headers }).then(
          () => 200,
          (e) => e.status as number,
        ),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    expect(statuses.filter((s) => s === 429)).toHaveLength(150);
    expect(fake.counts()["/v1/chat/completions"]).toBe(50);
  });
});
