// Realistic demo traffic written straight into the log, for the demo and the browser tests.
// Deterministic (seeded PRNG), so screenshots and tests see the same data every time.
import { randomUUID } from "node:crypto";
import { type Db, targetOf } from "../../lib/db/client";
import { ensureDailyPartitionsIn } from "../../lib/db/partitions";
import { rebuildRollups } from "../../lib/db/rebuild-rollups";
import { type RequestLogRow, propertyRows } from "../../lib/db/request-log";
import { costNanoUsd } from "../../lib/pricing/cost";

const MODELS = [
  { provider: "openai", model: "gpt-4o-mini", weight: 40, latency: 700 },
  { provider: "openai", model: "gpt-4o", weight: 12, latency: 1600 },
  { provider: "anthropic", model: "claude-haiku-4-5", weight: 15, latency: 900 },
  { provider: "anthropic", model: "claude-sonnet-4-6", weight: 8, latency: 2400 },
  { provider: "google", model: "gemini-2.0-flash", weight: 10, latency: 600 },
  { provider: "groq", model: "groq/llama-3.3-70b-versatile", weight: 10, latency: 300 },
  { provider: "mistral", model: "mistral-small-latest", weight: 5, latency: 800 },
];
const USERS = ["user_42", "user_7", "alice@acme.dev", "bob@acme.dev", "carol@globex.io", "dave@initech.com"];
const WORKFLOWS = [
  { name: "research-agent", steps: ["plan", "search", "summarize", "answer"], prompt: "Research the latest findings on" },
  { name: "document-summary", steps: ["summarize"], prompt: "Summarize this document about" },
  { name: "support-bot", steps: ["classify", "answer"], prompt: "A customer asks about" },
];
const TOPICS = ["AI gateways", "vector databases", "refund policy", "quarterly revenue", "rate limits", "prompt caching", "SOC 2 audits"];

const NIGHT = new Set([0, 1, 2, 3, 4, 5, 22, 23]);

/** mulberry32: small, fast, seeded. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoOptions {
  count?: number;
  days?: number;
  now?: Date;
  seed?: number;
  /** Extra synthetic users (user_0001…) beside the six named ones: the benchmark uses thousands. */
  extraUsers?: number;
  /** Distinct values of a `customer` property on every row: the benchmark's high-cardinality key. */
  customers?: number;
}

/** Demo rows in the shape the gateway logs them, generated lazily so a million fit in memory. */
export function* demoRows(workspaceId: string, options: DemoOptions = {}): Generator<RequestLogRow> {
  const { count = 1500, days = 14, now = new Date(), seed = 42, extraUsers = 0, customers = 0 } = options;
  const rand = prng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)] as T;
  const totalWeight = MODELS.reduce((s, m) => s + m.weight, 0);
  const pickModel = () => {
    let r = rand() * totalWeight;
    return MODELS.find((m) => (r -= m.weight) < 0) ?? MODELS[0]!;
  };
  const span = days * 86_400_000;
  // The average gap that makes `count` rows fill the span, given the night-time thinning.
  const meanGap = ((span / count) * (16 + 8 * 0.3)) / 24;
  let at = now.getTime() - span;
  const users = [...USERS, ...Array.from({ length: extraUsers }, (_, i) => `user_${String(i + 1).padStart(4, "0")}`)];

  for (let i = 0; i < count; i++) {
    // In time order, as the gateway writes them; night hours keep 30% of the traffic.
    do at += rand() * 2 * meanGap;
    while (NIGHT.has(new Date(at).getUTCHours()) && rand() < 0.7);
    const createdAt = new Date(Math.min(at, now.getTime()));

    const m = pickModel();
    const workflow = pick(WORKFLOWS);
    const step = pick(workflow.steps);
    const user = pick(users);
    const environment = rand() < 0.8 ? "production" : "staging";
    const topic = pick(TOPICS);
    const roll = rand();
    const status = roll < 0.04 ? 429 : roll < 0.06 ? 500 : roll < 0.07 ? 503 : 200;
    const ok = status === 200;
    const inputTokens = 80 + Math.floor(rand() * 1800);
    const outputTokens = ok ? 40 + Math.floor(rand() * 600) : 0;
    const cachedInputTokens = ok && rand() < 0.2 ? Math.floor(inputTokens * 0.5) : 0;
    const prompt = `${workflow.prompt} ${topic}.`;
    const reply = `Here is a concise answer about ${topic}, prepared for step "${step}" of ${workflow.name}.`;
    const latencyMs = Math.round(m.latency * (0.5 + rand()) + outputTokens * 2);
    const streamed = rand() < 0.4;
    const cacheHit = ok && rand() < 0.05;
    const sessionId = workflow.name === "research-agent" ? `sess_${user.replace(/\W/g, "")}_${Math.floor(i / 40)}` : null;
    const served = m.model.replace(/^groq\//, "");
    const cost = ok ? costNanoUsd(m.provider, served, { inputTokens, outputTokens, cachedInputTokens }, createdAt) : 0n;
    const requestBody = JSON.stringify({ model: m.model, messages: [{ role: "system", content: "You are a helpful assistant." }, { role: "user", content: prompt }] });
    const responseBody = ok ? JSON.stringify({ choices: [{ index: 0, message: { role: "assistant", content: reply }, finish_reason: "stop" }] }) : JSON.stringify({ error: { message: "upstream error" } });
    const tags: Record<string, string> = { workflow: workflow.name, step, environment, feature: workflow.name === "support-bot" ? "chat" : "document-summary" };
    if (customers) tags.customer = `customer-${Math.floor(rand() * customers)}`;

    yield {
      id: randomUUID(),
      workspaceId,
      apiKeyId: null,
      createdAt,
      provider: m.provider,
      modelRequested: m.model,
      // As the gateway logs it: the model routed to, also when it did not answer.
      modelServed: served,
      path: m.provider === "anthropic" ? "/v1/messages" : "/v1/chat/completions",
      status,
      errorMessage: ok ? null : status === 429 ? "Rate limit reached for requests" : "The server had an error while processing your request.",
      latencyMs: cacheHit ? 3 : latencyMs,
      timeToFirstTokenMs: streamed && ok ? Math.round((cacheHit ? 3 : latencyMs) * 0.25) : null,
      streamed,
      promptTokens: inputTokens,
      completionTokens: outputTokens,
      cachedInputTokens,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      usageEstimated: false,
      costNanoUsd: cacheHit ? 0n : cost,
      costSavedNanoUsd: cacheHit ? cost : null,
      cacheStatus: cacheHit ? "HIT" : "MISS",
      retryCount: 0,
      fallbackIndex: 0,
      attempts: null,
      userId: user,
      sessionId,
      sessionPath: sessionId ? `/research/${step}` : null,
      sessionName: sessionId ? `Research: ${topic}` : null,
      rateLimitedBy: status === 429 ? "provider" : null,
      rateLimitHeaders: JSON.stringify(
        status === 429
          ? { "x-ratelimit-limit-requests": "10000", "x-ratelimit-remaining-requests": "0", "retry-after": "1" }
          : { "x-ratelimit-limit-requests": "10000", "x-ratelimit-remaining-requests": String(9000 + Math.floor(rand() * 999)) },
      ),
      requestBody,
      requestBodyState: "full",
      requestBytes: requestBody.length,
      responseBody,
      responseBodyState: "full",
      responseBytes: responseBody.length,
      clientRequestId: null,
      clippedValues: null,
      properties: Object.entries(tags).map(([key, value]) => ({ key, value })),
    };
  }
}

/** Writes demo rows through Prisma (tests and the demo, where a Db is at hand), then the rollups. */
export async function seedDemoTraffic(db: Db, workspaceId: string, options: DemoOptions = {}): Promise<number> {
  const rows = [...demoRows(workspaceId, options)];
  if (rows.length) await ensureDailyPartitionsIn(targetOf(db), new Date(Math.min(...rows.map((r) => r.createdAt.getTime()))), new Date());
  // Batched: one createMany per table keeps this to a couple of seconds for thousands of rows.
  for (let i = 0; i < rows.length; i += 500) await db.request.createMany({ data: rows.slice(i, i + 500).map(({ properties: _, ...row }) => row) });
  const properties = propertyRows(rows);
  for (let i = 0; i < properties.length; i += 2000) await db.requestProperty.createMany({ data: properties.slice(i, i + 2000) });
  await rebuildRollups(db);
  return rows.length;
}
