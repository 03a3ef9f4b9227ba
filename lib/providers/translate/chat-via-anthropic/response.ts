// Anthropic message → OpenAI chat.completion.
import { anthropicUsage, toOpenAiUsage } from "../../usage";
import type { AnthropicResponse, OpenAiChatCompletion, OpenAiToolCall } from "../../wire";
import { ANTHROPIC_TO_OPENAI_FINISH } from "../maps";

export function messageToChatCompletion(message: AnthropicResponse, created = Math.floor(Date.now() / 1000)): OpenAiChatCompletion {
  let text = "";
  const toolCalls: OpenAiToolCall[] = [];
  for (const block of message.content) {
    if (block.type === "text") text += (block as { text: string }).text;
    else if (block.type === "tool_use") {
      const b = block as { id: string; name: string; input: unknown };
      toolCalls.push({ id: b.id, type: "function", function: { name: b.name, arguments: JSON.stringify(b.input ?? {}) } });
    }
  }
  const usage = anthropicUsage(message.usage);
  return {
    id: message.id,
    object: "chat.completion",
    created,
    model: message.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: text || (toolCalls.length ? null : ""), refusal: null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
        logprobs: null,
        finish_reason: ANTHROPIC_TO_OPENAI_FINISH[message.stop_reason ?? ""] ?? "stop",
      },
    ],
    ...(usage ? { usage: toOpenAiUsage(usage) } : {}),
  };
}
