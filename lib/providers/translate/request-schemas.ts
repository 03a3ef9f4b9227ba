// The shapes the translators rely on, checked before a request is translated or forwarded, so
// a malformed field gets a 400 naming it instead of failing inside the translation. Loose on
// purpose: only the fields the translators read are checked, unknown ones pass through.
import { z } from "zod";

const text = z.string();
const count = z.number().int().positive().nullish();
const fraction = z.number().nullish();

const openAiPart = z.union([
  z.looseObject({ type: z.literal("text"), text }),
  z.looseObject({ type: z.literal("image_url"), image_url: z.looseObject({ url: text }) }),
  z.looseObject({ type: z.string().refine((t) => t !== "text" && t !== "image_url") }),
]);

const openAiMessage = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: z.union([text, z.array(openAiPart)]).nullish(),
  tool_calls: z.array(z.looseObject({ id: text, function: z.looseObject({ name: text, arguments: text }) })).nullish(),
  tool_call_id: text.nullish(),
});

export const openAiChatRequestSchema = z.looseObject({
  messages: z.array(openAiMessage).min(1),
  stream: z.boolean().nullish(),
  max_tokens: count,
  max_completion_tokens: count,
  temperature: fraction,
  top_p: fraction,
  stop: z.union([text, z.array(text)]).nullish(),
  tools: z.array(z.looseObject({ function: z.looseObject({ name: text, description: text.nullish(), parameters: z.record(z.string(), z.unknown()).nullish() }) })).nullish(),
  tool_choice: z.union([z.enum(["none", "auto", "required"]), z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: text }) })]).nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  user: text.nullish(),
  response_format: z
    .union([
      z.looseObject({ type: z.enum(["text", "json_object"]) }),
      z.looseObject({ type: z.literal("json_schema"), json_schema: z.looseObject({ name: text, description: text.nullish(), schema: z.record(z.string(), z.unknown()).nullish() }) }),
    ])
    .nullish(),
});

type AnthropicBlockShape = { type: string; [key: string]: unknown };

const anthropicBlock: z.ZodType<AnthropicBlockShape> = z.union([
  z.looseObject({ type: z.literal("text"), text }),
  z.looseObject({
    type: z.literal("image"),
    source: z.union([z.looseObject({ type: z.literal("base64"), media_type: text, data: text }), z.looseObject({ type: z.literal("url"), url: text })]),
  }),
  z.looseObject({ type: z.literal("tool_use"), id: text, name: text }),
  z.looseObject({ type: z.literal("tool_result"), tool_use_id: text, content: z.union([text, z.array(z.lazy(() => anthropicBlock))]).optional() }),
  z.looseObject({ type: z.string().refine((t) => !["text", "image", "tool_use", "tool_result"].includes(t)) }),
]);

export const anthropicRequestSchema = z.looseObject({
  messages: z.array(z.looseObject({ role: z.enum(["user", "assistant"]), content: z.union([text, z.array(anthropicBlock)]) })).min(1),
  system: z.union([text, z.array(z.looseObject({ type: z.literal("text"), text }))]).optional(),
  max_tokens: z.number().int().positive(),
  stream: z.boolean().optional(),
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  stop_sequences: z.array(text).optional(),
  tools: z.array(z.looseObject({ name: text, description: text.optional(), input_schema: z.record(z.string(), z.unknown()) })).optional(),
  tool_choice: z.union([z.looseObject({ type: z.enum(["auto", "any", "none"]) }), z.looseObject({ type: z.literal("tool"), name: text })]).optional(),
  metadata: z.looseObject({ user_id: text.nullish() }).optional(),
});

/** The first problem with a request, as the parameter it concerns and a sentence; null when it is fine. */
export function requestProblem(schema: z.ZodType, body: unknown): { param: string; message: string } | null {
  const result = schema.safeParse(body);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  const param = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("") || "body";
  const message = issue.code === "invalid_union" ? "has an unsupported shape" : issue.message.replace(/^Invalid input: /, "");
  return { param, message: `Invalid value for ${param}: ${message}.` };
}
