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
import { providerKeySchema } from "@/lib/providers/key-schema";
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
    // The fake listens on 127.0.0.1: an internal model server, which the operator allows here.
    env = fakeProviderEnv(fake, { TOLLGATE_SECRET: SECRET, TOLLGATE_ALLOW_PRIVATE_PROVIDERS: "1" });
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

describe.each(DATABASE_KINDS)("custom provider base URLs on %s (SSRF)", (kind) => {
  let t: TestDatabase;
  let fake: FakeProviders;
  let core: Awaited<ReturnType<typeof startCore>>;
  let key: string;
  const port = () => new URL(fake.url).port;
  const targets = () => ({
    loopback: `http://127.0.0.1:${port()}/v1`,
    ipv6: `http://[::1]:${port()}/v1`,
    decimal: `http://2130706433:${port()}/v1`,
    mapped: `http://[::ffff:127.0.0.1]:${port()}/v1`,
    metadata: "http://169.254.169.254/latest/v1",
    named: `http://localhost:${port()}/v1`,
  });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    fake = await startFakeProviders();
    const ws = (await findOrCreateWorkspace("ssrf", "SSRF", t.db)).id;
    key = (await createApiKey({ workspaceId: ws, name: "tests" }, t.db)).secret;
    // Stored directly, as if saved before the rule existed: the gateway must still refuse them.
    for (const [name, baseUrl] of Object.entries(targets())) await saveProviderKey(ws, { provider: "custom", name, baseUrl, apiKey: `secret-of-${name}` }, SECRET, t.db);
    await saveProviderKey(ws, { provider: "mistral", name: "default", baseUrl: `http://127.0.0.1:${port()}/v1`, apiKey: "secret-of-mistral" }, SECRET, t.db);
    core = await startCore(fakeProviderEnv(fake, { TOLLGATE_SECRET: SECRET }), t);
  });
  afterAll(async () => {
    await core?.stop();
    await fake?.close();
    await t?.drop();
  });

  it("refuses them when saved, in every spelling of a private address", () => {
    for (const baseUrl of Object.values(targets())) {
      const parsed = providerKeySchema.safeParse({ provider: "custom", name: "lab", apiKey: "sk-12345678", baseUrl });
      expect(parsed.success, baseUrl).toBe(false);
      expect(parsed.error!.issues[0]!.message).toContain("TOLLGATE_ALLOW_PRIVATE_PROVIDERS");
    }
    expect(providerKeySchema.safeParse({ provider: "custom", name: "lab", apiKey: "sk-12345678", baseUrl: "https://models.example.com/v1" }).success).toBe(true);
  });

  it("never calls them from the gateway or Test connection, nor sends them the stored key", async () => {
    const client = new OpenAI({ baseURL: `${core.url}/v1`, apiKey: key, maxRetries: 0 });
    for (const name of [...Object.keys(targets()), "mistral"]) {
      const model = name === "mistral" ? "mistral-small-latest" : `${name}/some-model`;
      const error = await client.chat.completions.create({ model, messages: [{ role: "user", content: "hi" }] }).catch((e) => e);
      expect(error.status, name).toBe(403);
      expect(error.error).toMatchObject({ code: "upstream_blocked" });
    }
    const stored = withWorkspaceKeys(loadProviderConfigs({}), await t.db.providerKey.findMany(), SECRET);
    expect(await testConnection(stored.get("loopback")!, false)).toMatchObject({ ok: false, message: expect.stringContaining("private or local") });
    expect(fake.requests().some((r) => String(r.headers.authorization ?? "").includes("secret-of-"))).toBe(false);
  });
});
