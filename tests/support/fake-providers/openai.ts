// The fake OpenAI API: chat completions (JSON and SSE, with tool calls), the Responses API, embeddings, models.
import type { ServerResponse } from "node:http";
import type { Behaviour } from "./behaviour";
import { type RateLimitWindow, openAiRateLimitHeaders } from "./rate-limits";
import { type SseFrame, sendJson, sendSse } from "./sse";
import { type Schema, countTokens, embed, exampleArguments, formatted, promptTokens, replyTo, stableId, streamChunks } from "./text";

const CREATED = 1_760_000_000; // fixed, so outputs are deterministic

/** What GET /v1/models lists, with a fine-tune as an organisation's own list holds them. */
export const OPENAI_MODELS = ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3-mini", "text-embedding-3-small", "text-embedding-3-large", "ft:gpt-4o-mini-2024-07-18:acme::B1xq9"];

interface Tool {
  type?: string;
  function?: { name?: string; parameters?: { properties?: Record<string, unknown>; required?: string[] } };
}

export interface ChatRequest {
  model: string;
  messages?: { role?: string; content?: unknown }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: Tool[];
  tool_choice?: unknown;
  response_format?: { type?: string; json_schema?: { schema?: unknown } };
}

export function openAiError(res: ServerResponse, status: number, behaviour: Behaviour, headers: Record<string, string>) {
  const body: Record<number, { message: string; type: string; code: string | null }> = {
    400: { message: "Invalid request.", type: "invalid_request_error", code: null },
    401: { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" },
    429: { message: "Rate limit reached for requests. Please try again in 1s.", type: "requests", code: "rate_limit_exceeded" },
    500: { message: "The server had an error while processing your request. Sorry about that!", type: "server_error", code: null },
    503: { message: "The engine is currently overloaded, please try again later.", type: "server_error", code: null },
  };
  const error = body[status] ?? { message: `Fake error ${status}.`, type: "server_error", code: null };
  const extra: Record<string, string> = {};
  if (status === 429 || status === 503) extra["retry-after"] = String(behaviour.retryAfter ?? 1);
  if (status === 429) Object.assign(extra, { "x-ratelimit-limit-requests": "10000", "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": `${behaviour.retryAfter ?? 1}s` });
  sendJson(res, status, { error: { ...error, param: null } }, { ...headers, ...extra });
}

/** Arguments for a tool call: every required parameter filled with a stable example value. */
const toolArguments = (tool: Tool) => JSON.stringify(exampleArguments(tool.function?.parameters as Schema | undefined));

function wantsToolCall(req: ChatRequest): Tool | undefined {
  if (!req.tools?.length || req.tool_choice === "none") return undefined;
  return req.tools[0];
}

function usageOf(prompt: number, completion: number, model: string) {
  const reasoning = /^o\d/.test(model) ? 8 : 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion + reasoning,
    total_tokens: prompt + completion + reasoning,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

export async function chatCompletions(res: ServerResponse, req: ChatRequest, model: string, behaviour: Behaviour, limits: RateLimitWindow) {
  const messages = req.messages ?? [];
  const prompt = promptTokens(messages);
  const tool = wantsToolCall(req);
  const text = tool ? "" : formatted(replyTo("openai", messages), req.response_format);
  const args = tool ? toolArguments(tool) : "";
  const completion = countTokens(text || args);
  const usage = usageOf(prompt, completion, model);
  const headers = { ...openAiRateLimitHeaders(limits, usage.total_tokens), "x-request-id": stableId("req_", req), "openai-processing-ms": "12" };
  const id = stableId("chatcmpl-", req);
  const toolCall = tool ? { id: stableId("call_", req), type: "function", function: { name: tool.function?.name ?? "tool", arguments: args } } : undefined;
  const finish = tool ? "tool_calls" : "stop";

  if (!req.stream) {
    const message = { role: "assistant", content: tool ? null : text, refusal: null, ...(toolCall ? { tool_calls: [toolCall] } : {}) };
    return sendJson(
      res,
      200,
      { id, object: "chat.completion", created: CREATED, model, system_fingerprint: "fp_fake", choices: [{ index: 0, message, logprobs: null, finish_reason: finish }], usage },
      headers,
    );
  }

  const includeUsage = req.stream_options?.include_usage === true;
  const chunk = (delta: object, finishReason: string | null): SseFrame => ({
    data: {
      id,
      object: "chat.completion.chunk",
      created: CREATED,
      model,
      system_fingerprint: "fp_fake",
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(includeUsage ? { usage: null } : {}),
    },
  });
  const frames: { frame: SseFrame | "[DONE]"; content: boolean }[] = [{ frame: chunk({ role: "assistant", content: tool ? null : "", refusal: null }, null), content: false }];
  if (toolCall) {
    frames.push({ frame: chunk({ tool_calls: [{ index: 0, id: toolCall.id, type: "function", function: { name: toolCall.function.name, arguments: "" } }] }, null), content: true });
    for (const piece of args.match(/.{1,8}/g) ?? []) frames.push({ frame: chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null), content: true });
  } else {
    for (const piece of streamChunks(text)) frames.push({ frame: chunk({ content: piece }, null), content: true });
  }
  frames.push({ frame: chunk({}, finish), content: false });
  if (includeUsage) {
    frames.push({ frame: { data: { id, object: "chat.completion.chunk", created: CREATED, model, system_fingerprint: "fp_fake", choices: [], usage } }, content: false });
  }
  frames.push({ frame: "[DONE]", content: false });
  return sendSse(res, frames, headers, behaviour);
}

export function embeddings(res: ServerResponse, req: { model: string; input?: unknown; dimensions?: number; encoding_format?: string }, model: string, limits: RateLimitWindow) {
  const inputs = (Array.isArray(req.input) ? req.input : [req.input]).map((i) => (typeof i === "string" ? i : JSON.stringify(i)));
  const dimensions = req.dimensions ?? 16;
  const tokens = inputs.reduce((s, t) => s + countTokens(t), 0);
  const data = inputs.map((text, index) => {
    const vector = embed(text, dimensions);
    // The official Node SDK asks for base64 by default: little-endian float32s.
    const embedding = req.encoding_format === "base64" ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
    return { object: "embedding", index, embedding };
  });
  sendJson(res, 200, { object: "list", data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } }, openAiRateLimitHeaders(limits, tokens));
}

export const ANTHROPIC_MODELS = ["claude-haiku-4-5", "claude-sonnet-4-6", "claude-opus-4-1"];

/** GET /v1/models, in OpenAI's shape, or Anthropic's when asked with anthropic-version. */
export function listModels(res: ServerResponse, anthropic: boolean) {
  if (anthropic) {
    const data = ANTHROPIC_MODELS.map((id) => ({ type: "model", id, display_name: id, created_at: new Date(CREATED * 1000).toISOString() }));
    return sendJson(res, 200, { data, has_more: false, first_id: data[0]!.id, last_id: data.at(-1)!.id });
  }
  sendJson(res, 200, { object: "list", data: OPENAI_MODELS.map((id) => ({ id, object: "model", created: CREATED, owned_by: "openai" })) });
}

/** The Responses API (POST /v1/responses): a message answer, as JSON or as its stream of events. */
export async function responses(res: ServerResponse, req: { model: string; input?: unknown; instructions?: string; stream?: boolean; text?: { format?: { type?: string; schema?: unknown } } }, model: string, behaviour: Behaviour, limits: RateLimitWindow) {
  const valid = typeof req.input === "string" || (Array.isArray(req.input) && req.input.every((i) => i !== null && typeof i === "object" && !Array.isArray(i)));
  if (!valid) return sendJson(res, 400, { error: { message: "Invalid type for 'input': expected a string or an array of input items.", type: "invalid_request_error", param: "input", code: "invalid_type" } });
  const items = typeof req.input === "string" ? [{ role: "user", content: req.input }] : (req.input as { role?: string; content?: unknown }[]);
  const messages = items.map((i) => ({ role: i.role, content: Array.isArray(i.content) ? (i.content as { text?: string }[]).map((p) => p.text ?? "").join("") : i.content }));
  const text = formatted(replyTo("openai", messages), req.text?.format);
  const input = promptTokens(messages, req.instructions);
  const output = countTokens(text);
  const usage = { input_tokens: input, input_tokens_details: { cached_tokens: 0 }, output_tokens: output, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: input + output };
  const id = stableId("resp_", req);
  const message = { type: "message", id: stableId("msg_", req), status: "completed", role: "assistant", content: [{ type: "output_text", text, annotations: [] }] };
  const response = (status: string, withOutput: boolean) => ({ id, object: "response", created_at: CREATED, status, model, output: withOutput ? [message] : [], usage: withOutput ? usage : null, error: null, incomplete_details: null, instructions: req.instructions ?? null, tools: [], tool_choice: "auto", parallel_tool_calls: true, text: { format: req.text?.format ?? { type: "text" } }, metadata: {} });
  const headers = openAiRateLimitHeaders(limits, usage.total_tokens);
  if (!req.stream) return sendJson(res, 200, response("completed", true), headers);
  let sequence = 0;
  const event = (type: string, data: object): SseFrame => ({ event: type, data: { type, sequence_number: sequence++, ...data } });
  const frames: { frame: SseFrame; content: boolean }[] = [
    { frame: event("response.created", { response: response("in_progress", false) }), content: false },
    { frame: event("response.output_item.added", { output_index: 0, item: { ...message, status: "in_progress", content: [] } }), content: false },
    ...streamChunks(text).map((delta) => ({ frame: event("response.output_text.delta", { item_id: message.id, output_index: 0, content_index: 0, delta }), content: true })),
    { frame: event("response.output_text.done", { item_id: message.id, output_index: 0, content_index: 0, text }), content: false },
    { frame: event("response.output_item.done", { output_index: 0, item: message }), content: false },
    { frame: event("response.completed", { response: response("completed", true) }), content: false },
  ];
  return sendSse(res, frames, headers, behaviour);
}
