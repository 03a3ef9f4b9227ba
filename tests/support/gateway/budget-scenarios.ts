// Hard budgets at the gateway, driven by the official SDKs: exact under a burst of parallel
// calls, one total per API key, user or property value, and refusals in both SDKs' error shapes.
import Anthropic from "@anthropic-ai/sdk";
import { countTokens } from "gpt-tokenizer";
import OpenAI from "openai";
import { expect, it } from "vitest";
import { createBudget, deleteBudget } from "@/lib/db/budgets";
import { createApiKey } from "@/lib/db/api-keys";
import type { BudgetSpec } from "@/lib/budgets/budgets";
import type { GatewayHarness } from "./harness";

const messages = [{ role: "user" as const, content: "Summarise the budget rules." }];
const MAX_TOKENS = 400;
// gpt-4o list prices: $2.50 per million input tokens, $10 per million output tokens.
const GPT4O = { input: 2.5, output: 10 };

/** What the gateway reserves for one call: the prompt's tokens plus max_tokens, at list price. */
export function reservedUsd(): number {
  const input = countTokens(JSON.stringify(messages) + JSON.stringify(""));
  return (input * GPT4O.input + MAX_TOKENS * GPT4O.output) / 1e6;
}

const unique = (what: string) => `${what}-${Math.random().toString(36).slice(2)}`;

const openai = (h: GatewayHarness, apiKey = h.key) => new OpenAI({ baseURL: `${h.url}/v1`, apiKey, maxRetries: 0, timeout: 10_000 });

type Outcome = { status: number; id: string | null; error?: { type?: string; code?: string; message?: string }; retryAfter?: string | null };

async function call(client: OpenAI, headers: Record<string, string>): Promise<Outcome> {
  return client.chat.completions
    .create({ model: "gpt-4o", messages, max_tokens: MAX_TOKENS }, { headers })
    .withResponse()
    .then((r) => ({ status: 200, id: r.response.headers.get("helicone-id") }))
    .catch((e) => ({ status: e.status as number, id: (e.headers as Headers | undefined)?.get("helicone-id") ?? null, error: e.error, retryAfter: (e.headers as Headers | undefined)?.get("retry-after") }));
}

/** Runs calls against a slow provider, so they are all in flight at once. */
async function slowly<T>(h: GatewayHarness, calls: () => Promise<T>): Promise<T> {
  h.fake.setDefaultBehaviour({ delayMs: 400 });
  try {
    return await calls();
  } finally {
    h.fake.setDefaultBehaviour({});
  }
}

async function until(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the burst to arrive");
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Waits past the gateway's budget cache (TOLLGATE_BUDGET_TTL_MS in the harness env). */
const settingsApply = () => new Promise((r) => setTimeout(r, 400));

async function withBudget(h: GatewayHarness, spec: Partial<BudgetSpec> & Pick<BudgetSpec, "scope" | "limitUsd">, body: () => Promise<void>) {
  const budget = await createBudget(h.workspaceId, { name: unique("budget"), enabled: true, period: "day", action: "block", notifyAtPercent: [80, 100], channels: { emails: [] }, ...spec }, h.t.db);
  await settingsApply();
  try {
    await body();
  } finally {
    await deleteBudget(h.workspaceId, budget.id, h.t.db);
  }
}

export function budgetScenarios(h: () => GatewayHarness) {
  it("never spends past a budget: of 100 parallel calls, the 10 it covers pass and the rest get 429 budget_exceeded", async () => {
    const user = unique("user");
    const limitUsd = reservedUsd() * 10.5;
    await withBudget(h(), { scope: "user", scopeValue: user, limitUsd }, async () => {
      const client = openai(h());
      // The provider holds the calls it gets until every one of the 100 is either refused or
      // waiting there: no call settles (and frees room) before all have asked for room.
      const gate = h().fake.hold();
      let refusedSoFar = 0;
      const pending = Array.from({ length: 100 }, () => call(client, { "Helicone-User-Id": user }).then((r) => ((refusedSoFar += r.status === 429 ? 1 : 0), r)));
      await until(() => gate.waiting() + refusedSoFar === 100);
      gate.release();
      const burst = await Promise.all(pending);
      const passed = burst.filter((r) => r.status === 200);
      const refused = burst.filter((r) => r.status === 429);
      expect(passed).toHaveLength(10);
      expect(refused).toHaveLength(90);
      expect(refused[0]!.error).toMatchObject({ type: "budget_exceeded", code: "budget_exceeded" });
      expect(refused[0]!.error!.message).toContain("has no room for this request");
      expect(Number(refused[0]!.retryAfter)).toBeGreaterThan(0);
      // Refusals are logged with their status; successes with their real cost.
      expect(await h().row(refused[0]!.id!)).toMatchObject({ status: 429, userId: user, costNanoUsd: 0n });
      const rows = await Promise.all(passed.map((r) => h().row(r.id!)));
      const burstSpend = rows.reduce((sum, r) => sum + Number(r.costNanoUsd) / 1e9, 0);
      expect(burstSpend).toBeGreaterThan(0);
      expect(burstSpend).toBeLessThanOrEqual(limitUsd);

      // Settling gave back what the calls did not use: more fit now, and still never past the limit.
      const later: Outcome[] = [];
      for (let i = 0; i < 200; i++) {
        const r = await call(client, { "Helicone-User-Id": user });
        later.push(r);
        if (r.status !== 200) break;
      }
      expect(later.filter((r) => r.status === 200).length).toBeGreaterThan(0);
      expect(later.at(-1)!.status).toBe(429);
      await Promise.all(later.map((r) => h().row(r.id!)));
      const spent = await h().t.db.request.aggregate({ where: { workspaceId: h().workspaceId, userId: user }, _sum: { costNanoUsd: true } });
      expect(Number(spent._sum.costNanoUsd!) / 1e9).toBeLessThanOrEqual(limitUsd);
    });
  });

  it("keeps one total per API key when a budget names no key", async () => {
    const [a, b] = await Promise.all([0, 1].map(() => createApiKey({ workspaceId: h().workspaceId, name: unique("key") }, h().t.db)));
    await withBudget(h(), { scope: "api_key", limitUsd: reservedUsd() * 1.5 }, async () => {
      // Two calls in flight at once on key a: only one reservation fits; key b has its own total.
      const statuses = await slowly(h(), () => Promise.all([call(openai(h(), a!.secret), {}), call(openai(h(), a!.secret), {}), call(openai(h(), b!.secret), {})]));
      expect(statuses.map((r) => r.status).sort()).toEqual([200, 200, 429]);
      expect(statuses[2]!.status).toBe(200);
    });
  });

  it("knows the user from OpenAI's user field, and refuses in Anthropic's shape on /v1/messages", async () => {
    const user = unique("user");
    await withBudget(h(), { scope: "user", scopeValue: user, limitUsd: 0.000001 }, async () => {
      const refused = await openai(h())
        .chat.completions.create({ model: "gpt-4o", messages, user })
        .catch((e: InstanceType<typeof OpenAI.RateLimitError>) => e);
      expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
      const err = await new Anthropic({ baseURL: h().url, apiKey: h().key, maxRetries: 0 }).messages
        .create({ model: "claude-haiku-4-5", max_tokens: 50, messages }, { headers: { "Helicone-User-Id": user } })
        .catch((e: InstanceType<typeof Anthropic.RateLimitError>) => e);
      expect(err).toBeInstanceOf(Anthropic.RateLimitError);
      expect((err as InstanceType<typeof Anthropic.RateLimitError>).error).toMatchObject({ type: "error", error: { type: "budget_exceeded" } });
    });
  });

  it("counts a property value's spend, and lets other values and untagged calls through", async () => {
    const workflow = unique("wf");
    await withBudget(h(), { scope: "property", propertyKey: "Workflow", scopeValue: workflow, limitUsd: reservedUsd() * 1.5 }, async () => {
      const client = openai(h());
      const tagged = { "Helicone-Property-Workflow": workflow };
      const results = await slowly(h(), () => Promise.all([call(client, tagged), call(client, tagged), call(client, { "Helicone-Property-Workflow": unique("other") }), call(client, {})]));
      expect(results.slice(0, 2).map((r) => r.status).sort()).toEqual([200, 429]);
      expect(results.slice(2).map((r) => r.status)).toEqual([200, 200]);
    });
  });
}
