// A corpus of malformed gateway requests, generated: every field the gateway or a translation
// reads, set to every kind of wrong value, on each endpoint and both directions of translation;
// broken JSON bodies; odd Helicone headers and keys; unknown paths and wrong methods.
import type { CallSpec } from "./load";

export interface BadRequest extends CallSpec {
  method?: string;
  /** Raw body text, for bodies that are not JSON. */
  raw?: string;
  label: string;
}

const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

/** Wrong values of every JSON type, and some that are right types but hostile. */
const ODD: unknown[] = ["x", "", 0, -1, 1.5, 1e308, -1e308, true, false, null, [], {}, [1], [null], ["x"], [{}], [[]], { a: 1 }, { type: 1 }, "\u0000", "x".repeat(20_000), "🙂\u202e"];

const CHAT_FIELDS = ["messages", "tools", "tool_choice", "stop", "max_tokens", "max_completion_tokens", "temperature", "top_p", "stream", "stream_options", "user", "n", "response_format", "parallel_tool_calls", "model"];
const MESSAGE_FIELDS = ["role", "content", "tool_calls", "tool_call_id", "name"];
const ANTHROPIC_FIELDS = ["messages", "system", "max_tokens", "tools", "tool_choice", "stop_sequences", "metadata", "temperature", "stream", "model"];
const BLOCK_FIELDS = ["type", "text", "source", "id", "name", "input", "tool_use_id", "content"];

const chatBody = (model: string) => ({ model, messages: [{ role: "user", content: "hi" }], max_tokens: 20 });
const messagesBody = (model: string) => ({ model, max_tokens: 20, messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }] });

export function badInputCorpus(): BadRequest[] {
  const corpus: BadRequest[] = [];
  // Chat completions, to an OpenAI-format provider and translated to Anthropic.
  for (const model of ["gpt-4o-mini", "claude-haiku-4-5"]) {
    for (const field of CHAT_FIELDS) for (const value of ODD) corpus.push({ label: `chat ${model} ${field}=${JSON.stringify(value)?.slice(0, 20)}`, path: "/v1/chat/completions", body: { ...chatBody(model), [field]: value } });
    for (const field of MESSAGE_FIELDS) for (const value of ODD) corpus.push({ label: `chat ${model} message.${field}`, path: "/v1/chat/completions", body: { ...chatBody(model), messages: [{ role: "user", content: "hi", [field]: value }] } });
    for (const value of ODD) corpus.push({ label: `chat ${model} content part`, path: "/v1/chat/completions", body: { ...chatBody(model), messages: [{ role: "user", content: [value] }] } });
    for (const value of ODD) corpus.push({ label: `chat ${model} tool`, path: "/v1/chat/completions", body: { ...chatBody(model), tools: [value] } });
    for (const value of ODD) corpus.push({ label: `chat ${model} tool call`, path: "/v1/chat/completions", body: { ...chatBody(model), messages: [{ role: "assistant", content: null, tool_calls: [value] }, { role: "tool", tool_call_id: value, content: "r" }] } });
  }
  // Anthropic Messages, passed through to Anthropic and translated to an OpenAI-format provider.
  for (const model of ["claude-haiku-4-5", "gpt-4o-mini"]) {
    for (const field of ANTHROPIC_FIELDS) for (const value of ODD) corpus.push({ label: `messages ${model} ${field}`, path: "/v1/messages", body: { ...messagesBody(model), [field]: value } });
    for (const field of BLOCK_FIELDS) for (const value of ODD) corpus.push({ label: `messages ${model} block.${field}`, path: "/v1/messages", body: { ...messagesBody(model), messages: [{ role: "user", content: [{ type: "text", text: "hi", [field]: value }] }] } });
    for (const value of ODD) corpus.push({ label: `messages ${model} message`, path: "/v1/messages", body: { ...messagesBody(model), messages: [value] } });
  }
  // Other endpoints.
  for (const path of ["/v1/embeddings", "/v1/completions", "/v1/responses", "/embeddings"]) {
    for (const field of ["input", "prompt", "model"]) for (const value of ODD) corpus.push({ label: `${path} ${field}`, path, body: { model: "gpt-4o-mini", input: "x", prompt: "x", [field]: value } });
  }
  // Bodies that are not a JSON object, or nest too deep.
  const raws = ["", "{", "}", "[]", "null", "1", '"s"', "{,}", '{"model":"gpt-4o-mini",}', "\ufeff{}", "\u0000", "{\"model\": \"gpt-4o-mini\", \"messages\": " + deep(10_000) + "}", deep(50_000), "x".repeat(300_000)];
  for (const path of ["/v1/chat/completions", "/v1/messages", "/chat/completions", "/v1/embeddings"]) for (const raw of raws) corpus.push({ label: `${path} raw ${raw.slice(0, 10)}`, path, body: raw, raw });
  // Helicone headers with odd values.
  const headers = ["helicone-ratelimit-policy", "helicone-cache-enabled", "helicone-cache-bucket-max-size", "helicone-cache-seed", "helicone-retry-enabled", "helicone-retry-num", "helicone-retry-factor", "helicone-fallbacks", "helicone-request-id", "helicone-session-path", "helicone-user-id", "helicone-property-x", "helicone-omit-request", "helicone-auth", "x-api-key", "content-type"];
  const headerValues = ["", "x", "-1", "1e309", "1;w=0", "0;w=-1;u=cents;s=", "[]", "{", "true;false", "a".repeat(8000), "\u00ff\u00fe"];
  for (const header of headers) for (const value of headerValues) corpus.push({ label: `header ${header}=${value.slice(0, 10)}`, path: "/v1/chat/completions", body: chatBody("gpt-4o-mini"), headers: { [header]: value, "helicone-cache-enabled": header === "helicone-cache-bucket-max-size" ? "true" : "false" } });
  // Keys that are not keys.
  for (const auth of ["Bearer", "Bearer ", "Bearer tg_", "Bearer tg_x", "tg_abc", "Basic dGc6eA==", "Bearer sk-not-ours"]) corpus.push({ label: `auth ${auth}`, path: "/v1/chat/completions", body: chatBody("gpt-4o-mini"), headers: { authorization: auth } });
  // Unknown paths and wrong methods.
  for (const path of ["/v1/nope", "/v1/chat", "/v1/chat/completions/extra", "/v1/assistants", "/v1/", "/v1"]) corpus.push({ label: `path ${path}`, path, body: chatBody("gpt-4o-mini") });
  for (const path of ["/v1/chat/completions", "/v1/messages", "/v1/models", "/v1/embeddings"]) for (const method of ["GET", "PUT", "PATCH", "DELETE"]) corpus.push({ label: `${method} ${path}`, path, method, body: method === "GET" ? undefined : "{}" });
  return corpus;
}
