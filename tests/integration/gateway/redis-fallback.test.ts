// The gateway with REDIS_URL pointing at a Redis that is not there (a port nothing listens on):
// calls never wait on it. By default limits count in the process; with
// TOLLGATE_REDIS_FALLBACK=refuse, a call that needs a limit gets 503 at once instead, and a
// cache call is still a plain miss either way.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { createApiKey } from "@/lib/db/api-keys";
import { type FakeProviders, startFakeProviders } from "../../support/fake-providers/server";
import { fakeProviderEnv, startCore } from "../../support/gateway/harness";
import { freePort } from "../../support/ports";
import { type TestDatabase, createTestDatabase } from "../../support/test-db";

describe.each(["memory", "refuse"] as const)("a dead Redis with TOLLGATE_REDIS_FALLBACK=%s", (fallback) => {
  let t: TestDatabase;
  let fake: FakeProviders;
  let core: Awaited<ReturnType<typeof startCore>>;
  let client: OpenAI;

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    fake = await startFakeProviders();
    const ws = await findOrCreateWorkspace("default", "Default", t.db);
    const { secret } = await createApiKey({ workspaceId: ws.id, name: "tests" }, t.db);
    core = await startCore(fakeProviderEnv(fake, { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, TOLLGATE_REDIS_FALLBACK: fallback }), t);
    client = new OpenAI({ baseURL: `${core.url}/v1`, apiKey: secret, maxRetries: 0 });
  });
  afterAll(async () => {
    await core?.stop();
    await fake?.close();
    await t?.drop();
  });

  const ask = (headers: Record<string, string>) =>
    client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }, { headers }).withResponse().then(
      (r) => ({ status: r.response.status, cache: r.response.headers.get("helicone-cache") }),
      (e: { status: number; error: { code: string } }) => ({ status: e.status, code: e.error.code }),
    );

  it("answers a cache call as a miss, and reports Redis down", async () => {
    expect(await ask({ "helicone-cache-enabled": "true" })).toEqual({ status: 200, cache: "MISS" });
    expect(core.gateway.redis?.up).toBe(false);
  });

  it(fallback === "memory" ? "holds a rate limit in the process" : "refuses calls that need a rate limit with 503", async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await ask({ "helicone-ratelimit-policy": "3;w=60" })).status);
    expect(statuses).toEqual(fallback === "memory" ? [200, 200, 200, 429, 429] : [503, 503, 503, 503, 503]);
  });
});
