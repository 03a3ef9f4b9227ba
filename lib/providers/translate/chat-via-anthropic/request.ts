// OpenAI chat request → Anthropic Messages request.
import type { AnthropicBlock, AnthropicMessage, AnthropicRequest, OpenAiChatRequest, OpenAiContentPart, OpenAiMessage } from "../../wire";
import { parseArguments, parseDataUrl } from "../maps";

/** Anthropic requires max_tokens; OpenAI does not. */
export const DEFAULT_MAX_TOKENS = 4096;

function textOf(content: OpenAiMessage["content"]): string {
  if (typeof content === "string") return content;
  return (content ?? []).map((p) => (p.type === "text" ? String((p as { text: string }).text) : "")).join("");
}

function partToBlock(part: OpenAiContentPart): AnthropicBlock | null {
  if (part.type === "text") return { type: "text", text: String((part as { text: string }).text) };
  if (part.type === "image_url") {
    const url = (part as { image_url: { url: string } }).image_url.url;
    const inline = parseDataUrl(url);
    return inline
      ? { type: "image", source: { type: "base64", media_type: inline.mediaType, data: inline.data } }
      : { type: "image", source: { type: "url", url } };
  }
  return null;
}

function userBlocks(content: OpenAiMessage["content"]): AnthropicBlock[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  return (content ?? []).map(partToBlock).filter((b): b is AnthropicBlock => b !== null);
}

function assistantBlocks(message: OpenAiMessage): AnthropicBlock[] {
  const blocks: AnthropicBlock[] = [];
  const text = textOf(message.content);
  if (text) blocks.push({ type: "text", text });
  for (const call of message.tool_calls ?? []) {
    blocks.push({ type: "tool_use", id: call.id, name: call.function.name, input: parseArguments(call.function.arguments) });
  }
  return blocks;
}

/** Anthropic wants alternating turns: consecutive messages of one role become one. */
function pushTurn(turns: AnthropicMessage[], role: "user" | "assistant", blocks: AnthropicBlock[]) {
  if (blocks.length === 0) return;
  const last = turns.at(-1);
  if (last && last.role === role && Array.isArray(last.content)) last.content.push(...blocks);
  else turns.push({ role, content: blocks });
}

function toolChoice(choice: OpenAiChatRequest["tool_choice"]): AnthropicRequest["tool_choice"] {
  if (choice === undefined || choice === null) return undefined;
  if (choice === "auto") return { type: "auto" };
  if (choice === "required") return { type: "any" };
  if (choice === "none") return { type: "none" };
  return { type: "tool", name: choice.function.name };
}

export function chatToMessagesRequest(req: OpenAiChatRequest, model: string): AnthropicRequest {
  const system: string[] = [];
  const turns: AnthropicMessage[] = [];
  for (const m of req.messages) {
    if (m.role === "system" || m.role === "developer") system.push(textOf(m.content));
    else if (m.role === "user") pushTurn(turns, "user", userBlocks(m.content));
    else if (m.role === "assistant") pushTurn(turns, "assistant", assistantBlocks(m));
    else if (m.role === "tool") pushTurn(turns, "user", [{ type: "tool_result", tool_use_id: m.tool_call_id ?? "", content: textOf(m.content) }]);
  }
  const stop = req.stop === null || req.stop === undefined ? undefined : Array.isArray(req.stop) ? req.stop : [req.stop];
  const out: AnthropicRequest = {
    model,
    messages: turns,
    max_tokens: req.max_completion_tokens ?? req.max_tokens ?? DEFAULT_MAX_TOKENS,
  };
  if (system.length) out.system = system.join("\n\n");
  if (req.stream) out.stream = true;
  if (typeof req.temperature === "number") out.temperature = Math.min(req.temperature, 1); // Anthropic's range is 0..1
  if (typeof req.top_p === "number") out.top_p = req.top_p;
  if (stop?.length) out.stop_sequences = stop;
  if (req.tools?.length) {
    out.tools = req.tools.map((t) => ({
      name: t.function.name,
      ...(t.function.description ? { description: t.function.description } : {}),
      input_schema: t.function.parameters ?? { type: "object", properties: {} },
    }));
  }
  const choice = toolChoice(req.tool_choice);
  if (choice && (out.tools || choice.type === "none")) out.tool_choice = choice;
  if (req.parallel_tool_calls === false && out.tool_choice && out.tool_choice.type !== "none") {
    (out.tool_choice as Record<string, unknown>).disable_parallel_tool_use = true;
  }
  if (req.user) out.metadata = { user_id: req.user };
  return out;
}
