// Anthropic message → OpenAI chat.completion.
import { anthropicUsage, toOpenAiUsage } from "../../usage";
import type { AnthropicResponse, OpenAiChatCompletion, OpenAiToolCall } from "../../wire";
import { ANTHROPIC_TO_OPENAI_FINISH } from "../maps";
import { STRUCTURED_OUTPUT_TOOL } from "./request";

/** `structured`: the request asked for JSON, which Claude gave as the input of the structured-output tool. */
export function messageToChatCompletion(message: AnthropicResponse, structured = false, created = Math.floor(Date.now() / 1000)): OpenAiChatCompletion {
  let text = "";
  let answeredInJson = false;
  const toolCalls: OpenAiToolCall[] = [];
  for (const block of message.content) {
    if (block.type === "text") text += (block as { text: string }).text;
    else if (block.type === "tool_use" && structured && (block as { name: string }).name === STRUCTURED_OUTPUT_TOOL) {
      // The JSON is the answer; any text Claude wrote before it is not.
      text = JSON.stringify((block as { input: unknown }).input ?? {});
      answeredInJson = true;
    } else if (block.type === "tool_use") {
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
        finish_reason: answeredInJson && message.stop_reason === "tool_use" ? "stop" : (ANTHROPIC_TO_OPENAI_FINISH[message.stop_reason ?? ""] ?? "stop"),
      },
    ],
    ...(usage ? { usage: toOpenAiUsage(usage) } : {}),
  };
}
