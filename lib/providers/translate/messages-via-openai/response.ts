// OpenAI chat.completion → Anthropic message.
import { openAiUsage, toAnthropicUsage } from "../../usage";
import type { AnthropicBlock, AnthropicResponse, OpenAiChatCompletion } from "../../wire";
import { OPENAI_TO_ANTHROPIC_STOP, parseArguments } from "../maps";

export function chatCompletionToMessage(completion: OpenAiChatCompletion): AnthropicResponse {
  const choice = completion.choices[0];
  const content: AnthropicBlock[] = [];
  if (choice?.message.content) content.push({ type: "text", text: choice.message.content });
  for (const call of choice?.message.tool_calls ?? []) {
    content.push({ type: "tool_use", id: call.id, name: call.function.name, input: parseArguments(call.function.arguments) });
  }
  const usage = openAiUsage(completion.usage);
  return {
    id: completion.id,
    type: "message",
    role: "assistant",
    model: completion.model,
    content,
    stop_reason: OPENAI_TO_ANTHROPIC_STOP[choice?.finish_reason ?? ""] ?? "end_turn",
    stop_sequence: null,
    usage: usage ? toAnthropicUsage(usage) : { input_tokens: 0, output_tokens: 0 },
  };
}
