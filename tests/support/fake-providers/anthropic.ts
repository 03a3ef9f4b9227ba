// The fake Anthropic Messages API: JSON and its SSE event stream, with tool use.
import type { ServerResponse } from "node:http";
import type { Behaviour } from "./behaviour";
import { type RateLimitWindow, anthropicRateLimitHeaders } from "./rate-limits";
import { type SseFrame, sendJson, sendSse } from "./sse";
import { type Schema, countTokens, exampleArguments, promptTokens, replyTo, stableId, streamChunks } from "./text";

export interface MessagesRequest {
  model: string;
  messages?: { role?: string; content?: unknown }[];
  system?: unknown;
  stream?: boolean;
  tools?: { name?: string; input_schema?: Schema }[];
  tool_choice?: { type?: string; name?: string };
}

export function anthropicError(res: ServerResponse, status: number, behaviour: Behaviour, headers: Record<string, string>) {
  const types: Record<number, [string, string]> = {
    400: ["invalid_request_error", "Invalid request."],
    401: ["authentication_error", "invalid x-api-key"],
    429: ["rate_limit_error", "Number of requests has exceeded your rate limit."],
    500: ["api_error", "Internal server error"],
    503: ["overloaded_error", "Overloaded"],
    529: ["overloaded_error", "Overloaded"],
  };
  const [type, message] = types[status] ?? ["api_error", `Fake error ${status}.`];
  const extra: Record<string, string> = {};
  if (status === 429 || status === 503 || status === 529) extra["retry-after"] = String(behaviour.retryAfter ?? 1);
  if (status === 429) Object.assign(extra, { "anthropic-ratelimit-requests-limit": "4000", "anthropic-ratelimit-requests-remaining": "0" });
  sendJson(res, status, { type: "error", error: { type, message }, request_id: "req_fake" }, { ...headers, ...extra });
}

export async function messages(res: ServerResponse, req: MessagesRequest, model: string, behaviour: Behaviour, limits: RateLimitWindow) {
  const turns = req.messages ?? [];
  const input = promptTokens(turns, req.system);
  // The tool tool_choice names, else the first one offered.
  const tool = req.tools?.length && req.tool_choice?.type !== "none" ? (req.tools.find((t) => req.tool_choice?.type === "tool" && t.name === req.tool_choice.name) ?? req.tools[0]) : undefined;
  const text = tool ? "" : replyTo("anthropic", turns);
  const toolInput = tool ? exampleArguments(tool.input_schema) : undefined;
  const output = countTokens(text || JSON.stringify(toolInput));
  const headers = { ...anthropicRateLimitHeaders(limits, input, output), "request-id": stableId("req_", req) };
  const id = stableId("msg_", req);
  const block = tool ? { type: "tool_use", id: stableId("toolu_", req), name: tool.name ?? "tool", input: toolInput } : { type: "text", text };
  const stopReason = tool ? "tool_use" : "end_turn";
  const usage = { input_tokens: input, output_tokens: output, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

  if (!req.stream) {
    return sendJson(res, 200, { id, type: "message", role: "assistant", model, content: [block], stop_reason: stopReason, stop_sequence: null, usage }, headers);
  }

  const ev = (event: string, data: object, content = false) => ({ frame: { event, data: { type: event, ...data } } as SseFrame, content });
  const frames = [
    ev("message_start", { message: { id, type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } }),
    ev("content_block_start", { index: 0, content_block: tool ? { ...block, input: {} } : { type: "text", text: "" } }),
    ev("ping", {}),
  ];
  if (tool) {
    for (const piece of JSON.stringify(toolInput).match(/.{1,8}/g) ?? []) frames.push(ev("content_block_delta", { index: 0, delta: { type: "input_json_delta", partial_json: piece } }, true));
  } else {
    for (const piece of streamChunks(text)) frames.push(ev("content_block_delta", { index: 0, delta: { type: "text_delta", text: piece } }, true));
  }
  frames.push(
    ev("content_block_stop", { index: 0 }),
    ev("message_delta", { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: output } }),
    ev("message_stop", {}),
  );
  return sendSse(res, frames, headers, behaviour);
}
