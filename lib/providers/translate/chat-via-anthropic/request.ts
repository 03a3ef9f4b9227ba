// OpenAI chat request → Anthropic Messages request.
import type { AnthropicBlock, AnthropicMessage, AnthropicRequest, OpenAiChatRequest, OpenAiContentPart, OpenAiMessage } from "../../wire";
import { parseArguments, parseDataUrl } from "../maps";
import { untranslatable } from "../untranslatable";

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

/**
 * JSON output for Claude: the model is made to call one tool whose input schema is the requested
 * one, and its input is the answer (response.ts and stream.ts turn it back into text).
 */
export const STRUCTURED_OUTPUT_TOOL = "structured_output";

type ResponseFormat = { type?: string; json_schema?: { name?: string; description?: string; schema?: Record<string, unknown> } };

/** True when the request asks for JSON output (response_format json_object or json_schema). */
export function wantsStructuredOutput(req: OpenAiChatRequest): boolean {
  const type = (req.response_format as ResponseFormat | null | undefined)?.type;
  return type === "json_object" || type === "json_schema";
}

function structuredOutputTool(req: OpenAiChatRequest): NonNullable<AnthropicRequest["tools"]>[number] {
  if (req.tools?.length) throw untranslatable("Claude cannot take response_format together with tools through the gateway; ask for JSON in a separate call, or use a tool for the answer.", "response_format");
  const format = req.response_format as ResponseFormat;
  const schema = format.type === "json_schema" ? (format.json_schema?.schema ?? { type: "object" }) : { type: "object" };
  if (schema.type !== "object") throw untranslatable("For Claude, a response_format schema must describe an object at its root.", "response_format.json_schema.schema", "invalid_value");
  return { name: STRUCTURED_OUTPUT_TOOL, description: format.json_schema?.description ?? "Give your answer as this tool's input.", input_schema: schema };
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
  if (wantsStructuredOutput(req)) {
    out.tools = [structuredOutputTool(req)];
    out.tool_choice = { type: "tool", name: STRUCTURED_OUTPUT_TOOL };
  }
  if (req.user) out.metadata = { user_id: req.user };
  return out;
}
