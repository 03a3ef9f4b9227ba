// Deterministic replies and token counts, so tests can assert exact numbers.
import { createHash } from "node:crypto";

/** A rough but stable token count: one per 4 characters, at least 1. */
export const countTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

/** Text of a message whose content is a string or a list of parts (OpenAI and Anthropic shapes). */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (part && typeof part === "object" && "text" in part && typeof part.text === "string" ? part.text : ""))
    .join(" ");
}

/** Prompt tokens: every message's text plus 4 tokens of framing per message, as OpenAI counts. */
export function promptTokens(messages: { content?: unknown }[], system?: unknown): number {
  const texts = messages.map((m) => contentText(m.content));
  if (system !== undefined) texts.push(contentText(system));
  return texts.reduce((sum, t) => sum + countTokens(t) + 4, 0);
}

export function replyTo(provider: string, messages: { role?: string; content?: unknown }[]): string {
  const lastUser = [...messages].reverse().find((m) => m.role === "user");
  const prompt = contentText(lastUser?.content).replace(/\s+/g, " ").trim().slice(0, 60);
  return `This is a deterministic reply from the fake ${provider} provider to: ${prompt || "(empty prompt)"}`;
}

export type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[]; anyOf?: Schema[]; const?: unknown };

/**
 * A stable value that satisfies a JSON schema (types, enums, nested objects and arrays), as
 * structured outputs and tool calls return; strings come from `text(name)` for the property
 * they fill. Objects get their required properties (or, with none required, the first).
 */
export function exampleOf(schema: Schema | undefined, text: (name: string) => string, name = "value", depth = 0): unknown {
  if (!schema || depth > 16) return text(name);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.anyOf?.length) return exampleOf(schema.anyOf[0], text, name, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "object" || schema.properties) {
    const properties = schema.properties ?? {};
    const names = schema.required ?? Object.keys(properties).slice(0, 1);
    return Object.fromEntries(names.map((n) => [n, exampleOf(properties[n], text, n, depth + 1)]));
  }
  if (type === "array") return [exampleOf(schema.items, text, name, depth + 1)];
  if (type === "number" || type === "integer") return 42;
  if (type === "boolean") return true;
  if (type === "null") return null;
  return text(name);
}

/** Tool-call arguments: every required parameter filled with a stable example ("example-city"). */
export const exampleArguments = (schema: Schema | undefined) => exampleOf(schema ?? { type: "object" }, (name) => `example-${name}`);

/** The answer as JSON when the request asks for it (json_object, or a json_schema it satisfies); else the text. */
export function formatted(text: string, format: { type?: string; schema?: unknown; json_schema?: { schema?: unknown } } | undefined): string {
  if (format?.type === "json_object") return JSON.stringify({ reply: text });
  if (format?.type === "json_schema") return JSON.stringify(exampleOf((format.json_schema?.schema ?? format.schema) as Schema, () => text));
  return text;
}

/** Splits a reply into the chunks a stream sends: one word (with its space) each. */
export const streamChunks = (text: string) => text.match(/\S+\s*/g) ?? [text];

/** A stable id derived from the input, e.g. chatcmpl-<hash>. */
export const stableId = (prefix: string, input: unknown) =>
  `${prefix}${createHash("sha256").update(JSON.stringify(input)).digest("hex").slice(0, 24)}`;

/** A deterministic unit-length embedding of `dimensions` floats. */
export function embed(text: string, dimensions: number): number[] {
  const values: number[] = [];
  let block = createHash("sha256").update(text).digest();
  for (let i = 0; values.length < dimensions; i++) {
    if (i * 2 + 2 > block.length) {
      block = createHash("sha256").update(block).digest();
      i = 0;
    }
    values.push(block.readInt16LE(i * 2) / 32768);
  }
  const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1;
  return values.map((v) => v / norm);
}
