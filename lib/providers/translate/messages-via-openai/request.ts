// Anthropic Messages request → OpenAI chat request (an Anthropic client calling another provider).
import type { AnthropicBlock, AnthropicRequest, OpenAiChatRequest, OpenAiContentPart, OpenAiMessage } from "../../wire";

function blocksOf(content: string | AnthropicBlock[]): AnthropicBlock[] {
  return typeof content === "string" ? [{ type: "text", text: content }] : content;
}

function toolResultText(content: string | AnthropicBlock[] | undefined): string {
  if (content === undefined) return "";
  return typeof content === "string" ? content : content.map((b) => (b.type === "text" ? (b as { text: string }).text : "")).join("");
}

function imagePart(block: AnthropicBlock): OpenAiContentPart {
  const source = (block as { source: { type: string; media_type?: string; data?: string; url?: string } }).source;
  const url = source.type === "base64" ? `data:${source.media_type};base64,${source.data}` : (source.url ?? "");
  return { type: "image_url", image_url: { url } };
}

function toolChoice(choice: AnthropicRequest["tool_choice"]): OpenAiChatRequest["tool_choice"] {
  if (!choice) return undefined;
  if (choice.type === "tool") return { type: "function", function: { name: (choice as { name: string }).name } };
  return ({ auto: "auto", any: "required", none: "none" } as const)[choice.type];
}

export function messagesToChatRequest(req: AnthropicRequest, model: string): OpenAiChatRequest {
  const messages: OpenAiMessage[] = [];
  if (req.system) {
    const system = typeof req.system === "string" ? req.system : req.system.map((b) => b.text).join("\n\n");
    if (system) messages.push({ role: "system", content: system });
  }
  for (const m of req.messages) {
    const blocks = blocksOf(m.content);
    if (m.role === "assistant") {
      const text = blocks.filter((b) => b.type === "text").map((b) => (b as { text: string }).text).join("");
      const calls = blocks.filter((b) => b.type === "tool_use").map((b) => {
        const t = b as { id: string; name: string; input: unknown };
        return { id: t.id, type: "function" as const, function: { name: t.name, arguments: JSON.stringify(t.input ?? {}) } };
      });
      messages.push({ role: "assistant", content: text || null, ...(calls.length ? { tool_calls: calls } : {}) });
      continue;
    }
    // A user turn: tool results become "tool" messages, the rest one user message.
    for (const b of blocks.filter((b) => b.type === "tool_result")) {
      const r = b as { tool_use_id: string; content?: string | AnthropicBlock[] };
      messages.push({ role: "tool", tool_call_id: r.tool_use_id, content: toolResultText(r.content) });
    }
    const parts: OpenAiContentPart[] = blocks.flatMap((b): OpenAiContentPart[] =>
      b.type === "text" ? [{ type: "text", text: (b as { text: string }).text }] : b.type === "image" ? [imagePart(b)] : [],
    );
    if (parts.length === 1 && parts[0]!.type === "text") messages.push({ role: "user", content: (parts[0] as { text: string }).text });
    else if (parts.length) messages.push({ role: "user", content: parts });
  }

  const out: OpenAiChatRequest = { model, messages, max_tokens: req.max_tokens };
  if (req.stream) {
    out.stream = true;
    out.stream_options = { include_usage: true }; // the Anthropic client expects usage at the end
  }
  if (req.temperature !== undefined) out.temperature = req.temperature;
  if (req.top_p !== undefined) out.top_p = req.top_p;
  if (req.stop_sequences?.length) out.stop = req.stop_sequences;
  if (req.tools?.length) {
    out.tools = req.tools.map((t) => ({ type: "function", function: { name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.input_schema } }));
  }
  const choice = toolChoice(req.tool_choice);
  if (choice) out.tool_choice = choice;
  if (req.metadata?.user_id) out.user = req.metadata.user_id;
  return out;
}
