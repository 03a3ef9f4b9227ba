// Live demo traffic sent through the running gateway with the official SDKs, against the fake
// providers: several users and workflows, streaming, tool calls, Anthropic-native calls, and a
// few provider errors. (The 14-day history comes from demo-traffic.ts: a gateway can't backdate.)
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
    const headers = {
      "Helicone-User-Id": user,
      "Helicone-Property-Workflow": workflow,
      "Helicone-Property-Environment": i % 5 === 0 ? "staging" : "production",
    };
    const openai = new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: key, maxRetries: 0, defaultHeaders: headers });
    const model = MODELS[i % MODELS.length]!;
    const messages = [{ role: "user" as const, content: `Step ${i} of ${workflow} for ${user}: summarise the latest findings.` }];
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
