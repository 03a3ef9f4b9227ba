// Stage 2: read and check the body. Bad input gets a 400 naming the parameter, an oversized
// body a 413, before anything reaches a provider.
import type { GatewayContext } from "../context";
import type { GatewayDeps } from "../deps";
import type { EndpointKind } from "../endpoints";
import { GatewayError, badRequest } from "../errors";
import { header } from "../http";
import type { z } from "zod";
import { anthropicRequestSchema, openAiChatRequestSchema, requestProblem } from "../../providers/translate/request-schemas";

/** The field each endpoint cannot do without, besides model. */
const REQUIRED: Partial<Record<EndpointKind, { field: string; array?: boolean }>> = {
  chat: { field: "messages", array: true },
  messages: { field: "messages", array: true },
  embeddings: { field: "input" },
  completions: { field: "prompt" },
  responses: { field: "input" },
};

/** Deeper JSON than any real request nests; deeper input is refused before anything walks it. */
const MAX_JSON_DEPTH = 128;

/** How deeply the JSON text nests arrays and objects, counted without parsing (no recursion). */
function nestingDepth(json: Buffer): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** The translators' view of each client format, checked before anything is forwarded. */
const SHAPES: Partial<Record<EndpointKind, z.ZodType>> = { chat: openAiChatRequestSchema, messages: anthropicRequestSchema };

export const tooLarge = (limit: number) =>
  new GatewayError(413, `Request body exceeds the gateway's limit of ${limit} bytes.`, "invalid_request_error", "request_too_large");

export async function readBody(ctx: GatewayContext, limit: number): Promise<Buffer> {
  const declared = Number(header(ctx.req, "content-length"));
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(buf);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** JSON text as an object, or a 400 that says what is wrong with it. */
export function parseJsonObject(json: Buffer): Record<string, unknown> {
  if (nestingDepth(json) > MAX_JSON_DEPTH) throw badRequest(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`, null, "invalid_json");
  let body: unknown;
  try {
    body = JSON.parse(json.toString("utf8"));
  } catch {
    throw badRequest("We could not parse the JSON body of your request. Send a JSON object with Content-Type: application/json.", null, "invalid_json");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw badRequest("The request body must be a JSON object.", null, "invalid_json");
  return body as Record<string, unknown>;
}

/** The body as a JSON object (kept as ctx.rawBody), or a 400/413 that says what is wrong with it. */
export async function readJsonObject(ctx: GatewayContext, deps: GatewayDeps): Promise<Record<string, unknown>> {
  ctx.rawBody = await readBody(ctx, deps.config.maxBodyBytes);
  return parseJsonObject(ctx.rawBody);
}

export async function parseRequest(ctx: GatewayContext, deps: GatewayDeps): Promise<void> {
  ctx.body = await readJsonObject(ctx, deps);
  // Without a Helicone user, OpenAI's own `user` field names the end user (limits, budgets, log).
  if (ctx.userId === undefined && typeof ctx.body.user === "string" && ctx.body.user) ctx.userId = ctx.body.user;

  const model = ctx.body.model;
  if (typeof model !== "string" || model.trim() === "") throw badRequest("You must provide a model parameter.", "model", "missing_required_parameter");
  ctx.modelRequested = model;

  const required = REQUIRED[ctx.endpoint.kind];
  if (required) {
    const value = ctx.body[required.field];
    const missing = value === undefined || value === null || (required.array && (!Array.isArray(value) || value.length === 0));
    if (missing) {
      throw badRequest(`You must provide ${required.array ? "a non-empty array in " : ""}the ${required.field} parameter.`, required.field, "missing_required_parameter");
    }
  }
  const shape = SHAPES[ctx.endpoint.kind];
  const problem = shape && requestProblem(shape, ctx.body);
  if (problem) throw badRequest(problem.message, problem.param, "invalid_value");
  ctx.stream = ctx.body.stream === true;
}
