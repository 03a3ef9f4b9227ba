// Workspace provider keys at the gateway: a stored key wins over the env key for that workspace
// only, a stored custom provider becomes routable, and "test connection" reports what the
// provider answered. Keys are stored encrypted.
import { randomBytes } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { createApiKey } from "@/lib/db/api-keys";
import { saveProviderKey } from "@/lib/db/provider-keys";
import { loadProviderConfigs } from "@/lib/providers/config";
import { testConnection } from "@/lib/providers/test-connection";
import { withWorkspaceKeys } from "@/lib/providers/workspace-keys";
import { fakeProviderEnv, startCore } from "../../support/gateway/harness";
import { type FakeProviders, startFakeProviders } from "../../support/fake-providers/server";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

const SECRET = randomBytes(32).toString("hex");

describe.each(DATABASE_KINDS)("workspace provider keys on %s", (kind) => {
  let t: TestDatabase;
  let fake: FakeProviders;
  let core: Awaited<ReturnType<typeof startCore>>;
  let env: Record<string, string>;
  const keys: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fake = await startFakeProviders();
    for (const slug of ["acme", "other"]) {
      ids[slug] = (await findOrCreateWorkspace(slug, slug, t.db)).id;
      keys[slug] = (await createApiKey({ workspaceId: ids[slug]!, name: "tests" }, t.db)).secret;
    }
    await saveProviderKey(ids.acme!, { provider: "openai", name: "default", baseUrl: null, apiKey: "sk-acme-own-openai-key" }, SECRET, t.db);
    await saveProviderKey(ids.acme!, { provider: "custom", name: "lab", baseUrl: `${fake.url}/v1`, apiKey: "lab-secret-key" }, SECRET, t.db);
    env = fakeProviderEnv(fake, { TOLLGATE_SECRET: SECRET });
    core = await startCore(env, t);
  });
  afterAll(async () => {
    await core?.stop();
    await fake?.close();
    await t?.drop();
  });

  const call = (workspace: string, model: string) => new OpenAI({ baseURL: `${core.url}/v1`, apiKey: keys[workspace]!, maxRetries: 0 }).chat.completions.create({ model, messages: [{ role: "user", content: "which key?" }] });
  const lastAuthorization = () => fake.requests().at(-1)!.headers.authorization;

  it("calls the provider with the workspace's own key, and other workspaces with the env key", async () => {
    await call("acme", "gpt-4o-mini");
    expect(lastAuthorization()).toBe("Bearer sk-acme-own-openai-key");
    await call("other", "gpt-4o-mini");
    expect(lastAuthorization()).toBe("Bearer sk-gateway-openai");
  });

  it("routes a workspace's custom provider by its name", async () => {
    const completion = await call("acme", "lab/qwen2.5-7b-instruct");
    expect(completion.choices).toHaveLength(1);
    expect(fake.requests().at(-1)!.body).toMatchObject({ model: "qwen2.5-7b-instruct" });
    expect(lastAuthorization()).toBe("Bearer lab-secret-key");
    await expect(call("other", "lab/qwen2.5-7b-instruct")).rejects.toMatchObject({ status: 400 });
  });

  it("stores keys encrypted, and tests a connection with the key calls would use", async () => {
    const row = await t.db.providerKey.findFirstOrThrow({ where: { workspaceId: ids.acme!, provider: "openai" } });
    expect(row.encryptedKey).not.toContain("sk-acme");
    expect(row.keyHint).toBe("-key");
    const providers = withWorkspaceKeys(loadProviderConfigs(env), [row], SECRET);
    expect(await testConnection(providers.get("openai")!)).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected: \d+ models available$/) });
    const anthropic = loadProviderConfigs(env).get("anthropic")!;
    expect((await testConnection(anthropic)).ok).toBe(true);
    expect(await testConnection({ ...anthropic, apiKey: "invalid" })).toMatchObject({ ok: false, message: expect.stringContaining("HTTP 401") });
    expect(await testConnection({ ...anthropic, baseUrl: "http://127.0.0.1:9" })).toMatchObject({ ok: false, message: expect.stringContaining("Could not reach 127.0.0.1:9") });
    // Under another TOLLGATE_SECRET the stored key cannot be read: the env key stays in use.
    const unreadable: string[] = [];
    expect(withWorkspaceKeys(loadProviderConfigs(env), [row], "another-secret", (p) => unreadable.push(p)).get("openai")!.apiKey).toBe("sk-gateway-openai");
    expect(unreadable).toEqual(["openai"]);
  });
});
