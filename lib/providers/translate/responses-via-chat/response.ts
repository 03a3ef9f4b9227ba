// OpenAI chat completion → OpenAI Responses object: the answer a Responses client expects from a
// provider that served it as chat.
import { openAiUsage } from "../../usage";
import type { OpenAiChatCompletion, OpenAiToolCall } from "../../wire";

export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export function responsesUsage(usage: unknown): ResponsesUsage | null {
  const u = openAiUsage(usage);
  if (!u) return null;
  return {
    input_tokens: u.promptTokens,
    input_tokens_details: { cached_tokens: u.cachedInputTokens },
    output_tokens: u.completionTokens,
    output_tokens_details: { reasoning_tokens: u.reasoningTokens },
    total_tokens: u.promptTokens + u.completionTokens,
  };
}

export const messageItem = (id: string, text: string, status: "in_progress" | "completed") => ({
  type: "message" as const,
  id,
  status,
  role: "assistant" as const,
  content: status === "completed" ? [{ type: "output_text" as const, text, annotations: [] }] : [],
});

export const functionCallItem = (call: OpenAiToolCall, status: "in_progress" | "completed") => ({
  type: "function_call" as const,
  id: `fc_${call.id}`,
  call_id: call.id,
  name: call.function.name,
  arguments: status === "completed" ? call.function.arguments : "",
  status,
});

/** The Response envelope around output items; the request's settings are echoed as OpenAI does. */
export function responseObject(id: string, model: string, created: number, output: unknown[], status: "in_progress" | "completed" | "incomplete", usage: ResponsesUsage | null, request: Record<string, unknown>) {
  return {
    id,
    object: "response",
    created_at: created,
    status,
    error: null,
    incomplete_details: status === "incomplete" ? { reason: "max_output_tokens" } : null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model,
    output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: null,
    temperature: request.temperature ?? null,
    text: request.text ?? { format: { type: "text" } },
    tool_choice: request.tool_choice ?? "auto",
    tools: request.tools ?? [],
    top_p: request.top_p ?? null,
    usage,
    metadata: request.metadata ?? {},
  };
}

export function chatCompletionToResponse(completion: OpenAiChatCompletion, request: Record<string, unknown>) {
  const choice = completion.choices[0];
  const output: unknown[] = [];
  const text = choice?.message.content ?? "";
  if (text) output.push(messageItem(`msg_${completion.id}`, text, "completed"));
  for (const call of choice?.message.tool_calls ?? []) output.push(functionCallItem(call, "completed"));
  const status = choice?.finish_reason === "length" ? "incomplete" : "completed";
  return responseObject(`resp_${completion.id}`, completion.model, completion.created, output, status, responsesUsage(completion.usage), request);
}
