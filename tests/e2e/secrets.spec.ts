// No secret ever leaks: with real-looking keys in headers, a password sign-in, a stored provider
// key, failed upstream calls and failed notifications, neither the server's logs nor any API
// answer or page contains a Tollgate key, a provider key or a password.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership } from "@/lib/db/accounts";
import { createApiKey } from "@/lib/db/api-keys";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { loginCookie } from "../support/session-login";

const PASSWORD = "a-very-secret-passphrase-77";
const CALLER_PROVIDER_KEY = "sk-caller-own-provider-key-0123456789";
const STORED_PROVIDER_KEY = "sk-stored-workspace-key-9876543210";

describe("secrets stay out of logs, answers and pages", () => {
  let h: GatewayHarness;
  let adminKey: string;
  let cookie: string;
  const seen: string[] = [];

  beforeAll(async () => {
    h = await startGatewayHarness("server", "sqlite");
    const { user } = await createUserWithMembership({ email: "admin@example.com", passwordHash: await hashPassword(PASSWORD), workspaceSlug: "default", role: "owner" }, h.t.db);
    adminKey = (await createApiKey({ workspaceId: h.workspaceId, name: "admin", createdById: user.id }, h.t.db)).secret;
    cookie = await loginCookie(h.url, "admin@example.com", PASSWORD);
  });
  afterAll(() => h?.stop());

  const keep = async (res: Response) => {
    seen.push(`${res.status} ${[...res.headers].join(" ")} ${await res.text()}`);
    return res;
  };

  it("never prints or returns them, whatever happens", async () => {
    const client = new OpenAI({ baseURL: `${h.url}/v1`, apiKey: h.key, maxRetries: 0 });
    // Plain calls, a failing upstream, a bad model, and a caller's own provider key (Helicone-Auth style).
    await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hello" }] });
    await client.chat.completions.create({ model: "gpt-4o-mini+error-500", messages: [{ role: "user", content: "fail" }] }).catch(() => {});
    await client.chat.completions.create({ model: "no-such-provider/model", messages: [{ role: "user", content: "x" }] }).catch(() => {});
    const passthrough = new OpenAI({ baseURL: `${h.url}/v1`, apiKey: CALLER_PROVIDER_KEY, maxRetries: 0, defaultHeaders: { "Helicone-Auth": `Bearer ${h.key}` } });
    await passthrough.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "mine" }] });
    await new OpenAI({ baseURL: `${h.url}/v1`, apiKey: "sk-not-a-tollgate-key-555", maxRetries: 0 }).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] }).catch(() => {});
    // A wrong password, a stored provider key, an alert whose webhook is refused.
    await fetch(`${h.url}/api/auth/callback/credentials`, { method: "POST", body: new URLSearchParams({ email: "admin@example.com", password: `${PASSWORD}-wrong` }) }).catch(() => {});
    const { saveProviderKey } = await import("@/lib/db/provider-keys");
    await saveProviderKey(h.workspaceId, { provider: "groq", name: "default", baseUrl: null, apiKey: STORED_PROVIDER_KEY }, "not-the-apps-secret", h.t.db);
    const alert = await keep(
      await fetch(`${h.url}/api/v1/alerts`, { method: "POST", headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" }, body: JSON.stringify({ name: "Leak check", metric: "requests", threshold: 0, window: { kind: "calendar_day" }, channels: { webhookUrl: "http://127.0.0.1:9/hook?token=hook-secret-abc" } }) }),
    );
    const alertId = (JSON.parse(seen.at(-1)!.slice(seen.at(-1)!.indexOf("{"))) as { id: string }).id;
    expect(alert.status).toBe(201);
    await keep(await fetch(`${h.url}/api/v1/alerts/${alertId}/test`, { method: "POST", headers: { authorization: `Bearer ${adminKey}` } }));

    // Everything a user or script can read back.
    for (const path of ["/api/v1/requests?limit=100", "/api/v1/requests/export?format=jsonl", "/api/v1/alerts/events", "/api/v1/budgets"]) await keep(await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${adminKey}` } }));
    for (const path of ["/", "/requests", "/settings/keys", "/settings/providers", "/settings/alerts/history", "/settings/audit", "/settings/members"]) await keep(await fetch(`${h.url}${path}`, { headers: { cookie } }));
    await h.stopApp(); // flush and close, so the logs are complete

    const everything = `${h.output()}\n${seen.join("\n")}`;
    expect(seen.length).toBeGreaterThan(10);
    expect(h.output()).toContain("Tollgate ready on"); // the logs were really captured
    for (const secret of [h.key, adminKey, PASSWORD, CALLER_PROVIDER_KEY, STORED_PROVIDER_KEY, "sk-gateway-openai", "sk-not-a-tollgate-key-555"]) {
      expect(everything.includes(secret), `found ${secret.slice(0, 6)}… in logs or answers`).toBe(false);
    }
  });
});
