// Live demo traffic sent through the running gateway with the official SDKs, against the fake
// providers: several users, workflows and sessions, streaming, tool calls, Anthropic-native
// calls, cached answers, retries and fallbacks past the provider's rate limits.
// (The 14-day history comes from demo-traffic.ts: a gateway can't backdate.)
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";

const USERS = ["user_42", "user_7", "alice@acme.dev", "bob@acme.dev"];
const WORKFLOWS = ["research-agent", "document-summary", "support-bot"];
const MODELS = ["gpt-4o-mini", "gpt-4o", "claude-haiku-4-5", "claude-sonnet-4-6", "groq/llama-3.3-70b-versatile", "gemini-2.0-flash", "mistral-small-latest"];

export async function sendDemoTraffic(baseUrl: string, key: string, count = 60): Promise<{ ok: number; failed: number }> {
  let ok = 0;
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const user = USERS[i % USERS.length]!;
    const workflow = WORKFLOWS[i % WORKFLOWS.length]!;
    const headers: Record<string, string> = {
      "Helicone-User-Id": user,
      "Helicone-Property-Workflow": workflow,
      "Helicone-Property-Step": ["plan", "search", "summarize"][i % 3]!,
      "Helicone-Property-Environment": i % 5 === 0 ? "staging" : "production",
      "Helicone-Session-Id": `demo-${workflow}-${Math.floor(i / 6)}`,
      "Helicone-Session-Path": `/${workflow}/step-${i % 6}`,
      "Helicone-Session-Name": `${workflow} run ${Math.floor(i / 6) + 1}`,
    };
    // Some calls ask the same question with caching on, some retry or fall back when rate-limited.
    if (i % 4 === 0) Object.assign(headers, { "Helicone-Cache-Enabled": "true" });
    if (i % 5 === 1) Object.assign(headers, { "Helicone-Retry-Enabled": "true", "Helicone-Retry-Min-Timeout": "100" });
    if (i % 5 === 2) Object.assign(headers, { "Helicone-Fallback-Model": "claude-haiku-4-5" });
    const openai = new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: key, maxRetries: 0, defaultHeaders: headers });
    const model = i % 4 === 0 ? "gpt-4o-mini" : MODELS[i % MODELS.length]!;
    const question = i % 4 === 0 ? "What is the capital of France?" : `Step ${i} of ${workflow} for ${user}: summarise the latest findings.`;
    const messages = [{ role: "user" as const, content: question }];
    try {
      if (i % 8 === 3) {
        const anthropic = new Anthropic({ baseURL: baseUrl, apiKey: key, maxRetries: 0, defaultHeaders: headers });
        await anthropic.messages.create({ model: "claude-haiku-4-5", max_tokens: 300, messages });
      } else if (i % 3 === 0) {
        const stream = await openai.chat.completions.create({ model, messages, stream: true });
        for await (const chunk of stream) void chunk;
      } else {
        await openai.chat.completions.create({ model, messages, ...(i % 7 === 0 ? { tools: [{ type: "function" as const, function: { name: "search", parameters: { type: "object", properties: { query: { type: "string" } }, required: ["query"] } } }] } : {}) });
      }
      ok++;
    } catch {
      failed++;
    }
  }
  return { ok, failed };
}
