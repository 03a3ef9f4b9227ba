// Which spans are model calls, and what each says about its call. Three attribute families are
// read, newest first: the OpenTelemetry GenAI semantic conventions (gen_ai.*, with the message
// attributes of v1.37 and the older prompt/completion events), OpenLLMetry/Traceloop's
// (gen_ai.prompt.N.*, llm.*, traceloop.association.properties.*), and the Vercel AI SDK's
// (ai.*, whose inner doGenerate/doStream spans are the calls; their outer spans only sum them).
import type { Usage } from "../providers/usage";
import type { AttributeValue, Attributes, OtlpSpan } from "./otlp-spans";

export interface LlmCall {
  span: OtlpSpan;
  /** The provider as the span names it (gen_ai.system, ai.model.provider), if it does. */
  system?: string;
  model: string;
  responseModel?: string;
  usage?: Usage;
  streamed: boolean;
  timeToFirstTokenMs?: number;
  userId?: string;
  session: { id?: string; name?: string };
  properties: { key: string; value: string }[];
  /** The prompt as a chat-completions request, for the dashboard's conversation view. */
  request: Record<string, unknown>;
  /** The answer as a chat completion, when the span carries it. */
  response?: Record<string, unknown>;
  status: number;
  error?: string;
}

type Message = { role: string; content: unknown; tool_calls?: unknown[] };

const str = (v: AttributeValue | undefined) => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined);
const num = (v: AttributeValue | undefined) => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};
const first = <T>(...values: (T | undefined)[]) => values.find((v) => v !== undefined);

/** A JSON text attribute (messages, tool calls) as its value; attributes that are not JSON stay text. */
function jsonOf(v: AttributeValue | undefined): unknown {
  if (typeof v !== "string") return v ?? undefined;
  const t = v.trimStart();
  if (!t.startsWith("[") && !t.startsWith("{")) return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

const VERCEL_CALLS = /\.(doGenerate|doStream|doEmbed)$/;

/** A model call, not a span around one (an agent step, a tool, the AI SDK's outer span). */
function isModelCall(a: Attributes): boolean {
  const vercelOperation = str(a["ai.operationId"]);
  if (vercelOperation) return VERCEL_CALLS.test(vercelOperation);
  return str(a["gen_ai.request.model"] ?? a["gen_ai.response.model"] ?? a["llm.request.model"]) !== undefined;
}

function usageOf(a: Attributes): Usage | undefined {
  const input = first(num(a["gen_ai.usage.input_tokens"]), num(a["gen_ai.usage.prompt_tokens"]), num(a["ai.usage.inputTokens"]), num(a["ai.usage.promptTokens"]), num(a["llm.usage.prompt_tokens"]));
  const output = first(num(a["gen_ai.usage.output_tokens"]), num(a["gen_ai.usage.completion_tokens"]), num(a["ai.usage.outputTokens"]), num(a["ai.usage.completionTokens"]), num(a["llm.usage.completion_tokens"]));
  if (input === undefined && output === undefined) return undefined;
  return {
    promptTokens: input ?? 0,
    completionTokens: output ?? 0,
    cachedInputTokens: first(num(a["gen_ai.usage.cache_read.input_tokens"]), num(a["gen_ai.usage.cache_read_input_tokens"]), num(a["ai.usage.cachedInputTokens"]), num(a["ai.usage.inputTokenDetails.cacheReadTokens"])) ?? 0,
    cacheWriteTokens: first(num(a["gen_ai.usage.cache_creation.input_tokens"]), num(a["gen_ai.usage.cache_creation_input_tokens"]), num(a["ai.usage.inputTokenDetails.cacheWriteTokens"])) ?? 0,
    reasoningTokens: first(num(a["gen_ai.usage.reasoning_tokens"]), num(a["ai.usage.reasoningTokens"]), num(a["ai.usage.outputTokenDetails.reasoningTokens"])) ?? 0,
    estimated: false,
  };
}

/** GenAI v1.37 message parts ({type:"text",content}, tool calls, tool results) as chat content. */
function fromParts(message: Record<string, unknown>): Message {
  const parts = Array.isArray(message.parts) ? (message.parts as Record<string, unknown>[]) : [];
  const text = parts.filter((p) => p.type === "text").map((p) => String(p.content ?? "")).join("");
  const toolCalls = parts.filter((p) => p.type === "tool_call").map((p) => ({ id: p.id, type: "function", function: { name: String(p.name ?? ""), arguments: typeof p.arguments === "string" ? p.arguments : JSON.stringify(p.arguments ?? {}) } }));
  const results = parts.filter((p) => p.type === "tool_call_response").map((p) => (typeof p.response === "string" ? p.response : JSON.stringify(p.response)));
  return { role: String(message.role ?? "user"), content: text || results.join("\n"), ...(toolCalls.length ? { tool_calls: toolCalls } : {}) };
}

/** The AI SDK's messages ({role, content: string | [{type:"text",text} | {type:"tool-call",…}]}) as chat messages. */
function fromAiSdk(message: Record<string, unknown>): Message {
  if (!Array.isArray(message.content)) return { role: String(message.role ?? "user"), content: message.content ?? "" };
  const parts = message.content as Record<string, unknown>[];
  const text = parts.filter((p) => p.type === "text").map((p) => String(p.text ?? "")).join("");
  const toolCalls = parts.filter((p) => p.type === "tool-call").map((p) => ({ id: p.toolCallId, type: "function", function: { name: String(p.toolName ?? ""), arguments: JSON.stringify(p.input ?? p.args ?? {}) } }));
  const results = parts.filter((p) => p.type === "tool-result").map((p) => JSON.stringify(p.output ?? p.result ?? null));
  return { role: String(message.role ?? "user"), content: text || results.join("\n"), ...(toolCalls.length ? { tool_calls: toolCalls } : {}) };
}

/** OpenLLMetry's flattened messages: <prefix>.0.role, <prefix>.0.content, <prefix>.0.tool_calls.0.name, … */
function fromIndexed(a: Attributes, prefix: string): Message[] {
  const messages: Message[] = [];
  for (let i = 0; a[`${prefix}.${i}.role`] !== undefined || a[`${prefix}.${i}.content`] !== undefined; i++) {
    const toolCalls = [];
    for (let j = 0; a[`${prefix}.${i}.tool_calls.${j}.name`] !== undefined; j++) {
      toolCalls.push({ id: str(a[`${prefix}.${i}.tool_calls.${j}.id`]), type: "function", function: { name: String(a[`${prefix}.${i}.tool_calls.${j}.name`]), arguments: str(a[`${prefix}.${i}.tool_calls.${j}.arguments`]) ?? "" } });
    }
    messages.push({ role: str(a[`${prefix}.${i}.role`]) ?? "user", content: jsonOf(a[`${prefix}.${i}.content`]) ?? "", ...(toolCalls.length ? { tool_calls: toolCalls } : {}) });
  }
  return messages;
}

const asMessages = (value: unknown, convert: (m: Record<string, unknown>) => Message): Message[] | undefined =>
  Array.isArray(value) ? (value as Record<string, unknown>[]).filter((m) => m && typeof m === "object").map(convert) : undefined;

/** The prompt, from whichever family carries it. */
function promptOf(span: OtlpSpan): Message[] {
  const a = span.attributes;
  const system = jsonOf(a["gen_ai.system_instructions"]);
  const systemText = Array.isArray(system) ? (system as Record<string, unknown>[]).map((p) => String(p.content ?? "")).join("") : undefined;
  const semconv = asMessages(jsonOf(a["gen_ai.input.messages"]), fromParts);
  if (semconv) return systemText ? [{ role: "system", content: systemText }, ...semconv] : semconv;
  const aiSdk = asMessages(jsonOf(a["ai.prompt.messages"]), fromAiSdk);
  if (aiSdk) return aiSdk;
  const indexed = fromIndexed(a, "gen_ai.prompt");
  if (indexed.length) return indexed;
  // Older GenAI conventions: one event per message, or a gen_ai.content.prompt event.
  const events: Message[] = [];
  for (const e of span.events) {
    const role = /^gen_ai\.(system|user|assistant|tool)\.message$/.exec(e.name)?.[1];
    if (role) events.push({ role, content: jsonOf(e.attributes.content) ?? "" });
    if (e.name === "gen_ai.content.prompt") events.push(...(asMessages(jsonOf(e.attributes["gen_ai.prompt"]), (m) => ({ role: String(m.role ?? "user"), content: m.content ?? "" })) ?? []));
  }
  return events;
}

/** The answer's message, from whichever family carries it. */
function outputOf(span: OtlpSpan): Message | undefined {
  const a = span.attributes;
  const semconv = asMessages(jsonOf(a["gen_ai.output.messages"]), fromParts);
  if (semconv?.[0]) return { ...semconv[0], role: "assistant" };
  const text = str(a["ai.response.text"]);
  const aiToolCalls = jsonOf(a["ai.response.toolCalls"]);
  if (text !== undefined || Array.isArray(aiToolCalls)) {
    const calls = Array.isArray(aiToolCalls) ? (aiToolCalls as Record<string, unknown>[]).map((c) => ({ id: c.toolCallId, type: "function", function: { name: String(c.toolName ?? ""), arguments: typeof c.input === "string" ? c.input : JSON.stringify(c.input ?? c.args ?? {}) } })) : [];
    return { role: "assistant", content: text ?? "", ...(calls.length ? { tool_calls: calls } : {}) };
  }
  const indexed = fromIndexed(a, "gen_ai.completion");
  if (indexed[0]) return { ...indexed[0], role: "assistant" };
  for (const e of span.events) {
    if (e.name === "gen_ai.choice") {
      const message = jsonOf(e.attributes.message);
      if (message && typeof message === "object") return { role: "assistant", content: (message as Record<string, unknown>).content ?? "" };
    }
    if (e.name === "gen_ai.content.completion") {
      const messages = asMessages(jsonOf(e.attributes["gen_ai.completion"]), (m) => ({ role: "assistant", content: m.content ?? "" }));
      if (messages?.[0]) return messages[0];
    }
  }
  return undefined;
}

/** Properties the instrumentation attaches: the AI SDK's telemetry metadata, Traceloop's association properties. */
const PROPERTY_PREFIXES = ["ai.telemetry.metadata.", "traceloop.association.properties.", "helicone.property."];
const USER_KEYS = ["userid", "user_id", "user"];
const SESSION_KEYS = ["sessionid", "session_id", "session"];
const MAX_PROPERTIES = 50;

function propertiesOf(a: Attributes): { properties: Map<string, string>; userId?: string; sessionId?: string } {
  const properties = new Map<string, string>();
  let userId: string | undefined;
  let sessionId: string | undefined;
  for (const [name, value] of Object.entries(a)) {
    const prefix = PROPERTY_PREFIXES.find((p) => name.startsWith(p));
    if (!prefix || value === null) continue;
    // Lower case, as Helicone-Property-* headers arrive, so one filter finds both.
    const key = name.slice(prefix.length).toLowerCase();
    const text = typeof value === "string" ? value : JSON.stringify(value);
    if (USER_KEYS.includes(key)) userId ??= text;
    else if (SESSION_KEYS.includes(key)) sessionId ??= text;
    else if (key && properties.size < MAX_PROPERTIES) properties.set(key, text);
  }
  return { properties, userId, sessionId };
}

/** An HTTP-like status for the log: the one the span reports, else 500 for an error, else 200. */
function statusOf(span: OtlpSpan): number {
  const reported = num(span.attributes["http.response.status_code"] ?? span.attributes["http.status_code"]);
  if (reported && reported >= 100 && reported <= 599) return reported;
  return span.statusCode === 2 ? 500 : 200;
}

/** The provider named by the span; the AI SDK's "openai.chat" is OpenAI's chat API. */
function systemOf(a: Attributes): string | undefined {
  return str(a["gen_ai.provider.name"]) ?? str(a["gen_ai.system"]) ?? str(a["ai.model.provider"])?.split(".")[0];
}

/** The span as a model call, or undefined when it is not one. */
export function llmCallOf(span: OtlpSpan): LlmCall | undefined {
  const a = span.attributes;
  if (!isModelCall(a)) return undefined;
  const model = str(a["gen_ai.request.model"]) ?? str(a["ai.model.id"]) ?? str(a["llm.request.model"]) ?? str(a["gen_ai.response.model"]) ?? "";
  const responseModel = str(a["gen_ai.response.model"]) ?? str(a["ai.response.model"]);
  const { properties, userId, sessionId } = propertiesOf(a);
  const output = outputOf(span);
  const usage = usageOf(a);
  const status = statusOf(span);
  const ttftSeconds = num(a["gen_ai.server.time_to_first_token"]);
  const params: Record<string, unknown> = {};
  for (const [name, key] of [["gen_ai.request.temperature", "temperature"], ["gen_ai.request.max_tokens", "max_tokens"], ["gen_ai.request.top_p", "top_p"]] as const) {
    if (num(a[name]) !== undefined) params[key] = num(a[name]);
  }
  return {
    span,
    system: systemOf(a),
    model,
    responseModel,
    usage,
    streamed: str(a["ai.operationId"])?.endsWith(".doStream") === true || a["gen_ai.request.stream"] === true || a["llm.is_streaming"] === true,
    timeToFirstTokenMs: first(num(a["ai.response.msToFirstChunk"]), ttftSeconds === undefined ? undefined : ttftSeconds * 1000),
    userId: userId ?? str(a["user.id"]) ?? str(a["enduser.id"]) ?? str(a["gen_ai.request.user"]) ?? str(a["llm.user"]),
    session: {
      id: sessionId ?? str(a["session.id"]) ?? str(a["gen_ai.conversation.id"]),
      name: str(a["ai.telemetry.functionId"]) ?? str(a["traceloop.workflow.name"]),
    },
    properties: [...properties].map(([key, value]) => ({ key, value })),
    request: { model, messages: promptOf(span), ...params },
    response: output ? { object: "chat.completion", model: responseModel ?? model, choices: [{ index: 0, message: output, finish_reason: null }] } : undefined,
    status,
    error: status >= 400 ? (span.statusMessage ?? str(a["error.type"]) ?? "The span reports an error.") : undefined,
  };
}
