// OpenAI Responses request → OpenAI chat request, for providers that serve chat completions only
// (and, through the chat → Messages translation, for Claude). What chat cannot express is a 400.
import { untranslatable } from "../untranslatable";
import type { OpenAiChatRequest, OpenAiContentPart, OpenAiMessage, OpenAiTool } from "../../wire";

type Item = Record<string, unknown>;

function part(p: Item, param: string): OpenAiContentPart {
  if (p.type === "input_text" || p.type === "output_text" || p.type === "text") return { type: "text", text: String(p.text ?? "") };
  if (p.type === "input_image") {
    if (typeof p.image_url !== "string") throw untranslatable("Images must be given by image_url (a URL or a data URL) for this provider; file_id needs OpenAI.", param, "unsupported_value");
    return { type: "image_url", image_url: { url: p.image_url, ...(typeof p.detail === "string" ? { detail: p.detail } : {}) } };
  }
  throw untranslatable(`Content of type "${String(p.type)}" is not supported for this provider.`, param, "unsupported_value");
}

function content(value: unknown, param: string): OpenAiMessage["content"] {
  if (typeof value === "string") return value;
  if (!Array.isArray(value)) throw untranslatable("Message content must be a string or an array of content parts.", param, "invalid_value");
  return value.map((p, i) => part(p as Item, `${param}[${i}]`));
}

function messages(input: unknown): OpenAiMessage[] {
  if (typeof input === "string") return [{ role: "user", content: input }];
  if (!Array.isArray(input)) throw untranslatable("input must be a string or an array of items.", "input", "invalid_value");
  const out: OpenAiMessage[] = [];
  input.forEach((raw, i) => {
    const item = raw as Item;
    const param = `input[${i}]`;
    if (item.type === "function_call") {
      const call = { id: String(item.call_id ?? item.id ?? ""), type: "function" as const, function: { name: String(item.name ?? ""), arguments: String(item.arguments ?? "{}") } };
      const last = out.at(-1);
      if (last?.role === "assistant" && last.tool_calls) last.tool_calls.push(call);
      else out.push({ role: "assistant", content: null, tool_calls: [call] });
    } else if (item.type === "function_call_output") {
      out.push({ role: "tool", tool_call_id: String(item.call_id ?? ""), content: typeof item.output === "string" ? item.output : JSON.stringify(item.output) });
    } else if (item.type === undefined || item.type === "message") {
      const role = item.role;
      if (role !== "user" && role !== "assistant" && role !== "system" && role !== "developer") throw untranslatable(`${param}.role must be user, assistant, system or developer.`, `${param}.role`, "invalid_value");
      out.push({ role, content: content(item.content, `${param}.content`) });
    } else {
      throw untranslatable(`Input items of type "${String(item.type)}" are not supported for this provider.`, `${param}.type`, "unsupported_value");
    }
  });
  return out;
}

function tools(value: unknown): OpenAiTool[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw untranslatable("tools must be an array.", "tools", "invalid_value");
  return value.map((raw, i) => {
    const t = raw as Item;
    if (t.type !== "function") throw untranslatable(`Tools of type "${String(t.type)}" (built-in tools) need OpenAI; this provider takes function tools only.`, `tools[${i}].type`, "unsupported_value");
    return { type: "function", function: { name: String(t.name ?? ""), ...(typeof t.description === "string" ? { description: t.description } : {}), ...(t.parameters ? { parameters: t.parameters as Record<string, unknown> } : {}) } };
  });
}

function toolChoice(value: unknown): OpenAiChatRequest["tool_choice"] {
  if (value === undefined || value === null) return undefined;
  if (value === "auto" || value === "none" || value === "required") return value;
  const choice = value as Item;
  if (choice.type === "function" && typeof choice.name === "string") return { type: "function", function: { name: choice.name } };
  throw untranslatable("tool_choice must be auto, none, required or a function.", "tool_choice", "invalid_value");
}

function responseFormat(text: unknown): Record<string, unknown> | undefined {
  const format = (text as { format?: Item } | undefined)?.format;
  if (!format || format.type === "text") return undefined;
  if (format.type === "json_object") return { type: "json_object" };
  if (format.type === "json_schema") return { type: "json_schema", json_schema: { name: format.name, schema: format.schema, ...(format.strict !== undefined ? { strict: format.strict } : {}) } };
  throw untranslatable(`text.format of type "${String(format.type)}" is not supported.`, "text.format", "invalid_value");
}

export function responsesToChatRequest(body: Record<string, unknown>, model: string): OpenAiChatRequest {
  if (body.previous_response_id) {
    throw untranslatable("previous_response_id needs a provider that keeps responses (OpenAI). For this model, send the whole conversation in input.", "previous_response_id", "unsupported_value");
  }
  const chat: OpenAiChatRequest = { model, messages: [...(typeof body.instructions === "string" && body.instructions ? [{ role: "system" as const, content: body.instructions }] : []), ...messages(body.input)] };
  if (typeof body.max_output_tokens === "number") chat.max_tokens = body.max_output_tokens;
  if (typeof body.temperature === "number") chat.temperature = body.temperature;
  if (typeof body.top_p === "number") chat.top_p = body.top_p;
  if (typeof body.user === "string") chat.user = body.user;
  if (typeof body.parallel_tool_calls === "boolean") chat.parallel_tool_calls = body.parallel_tool_calls;
  const chatTools = tools(body.tools);
  if (chatTools?.length) chat.tools = chatTools;
  const choice = toolChoice(body.tool_choice);
  if (choice) chat.tool_choice = choice;
  const format = responseFormat(body.text);
  if (format) chat.response_format = format;
  if (body.stream === true) {
    chat.stream = true;
    chat.stream_options = { include_usage: true }; // the Responses stream ends with usage
  }
  return chat;
}
