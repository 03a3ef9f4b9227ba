// Async logging, as Helicone takes it: a call made without the proxy is reported afterwards to
// /custom/v1/log, /oai/v1/log or /anthropic/v1/log (what @helicone/helpers' HeliconeManualLogger
// and Helicone's async integrations send), and becomes a row like a proxied one: priced, tagged
// by its Helicone-* headers (sent as headers or in providerRequest.meta), with its own timing.
// Its path (/…/v1/log) marks it as reported, not proxied.
import { z } from "zod";
import type { WireFormat } from "../../providers/catalog";
import { resolveModel } from "../../providers/registry";
import { SseParser, eventJson } from "../../providers/sse";
import type { GatewayContext } from "../context";
import type { GatewayDeps } from "../deps";
import { badRequest } from "../errors";
import { ResponseObserver } from "../response-observer";
import { gatewayHeaders } from "../response-headers";
import { readJsonObject } from "./parse";
import { providersFor } from "./route";

const instant = z.union([z.number(), z.object({ seconds: z.number(), milliseconds: z.number().default(0) })]).transform((t) => (typeof t === "number" ? t : t.seconds * 1000 + t.milliseconds));

const asyncLogSchema = z.object({
  providerRequest: z.object({
    url: z.string().optional(),
    json: z.record(z.string(), z.unknown()).default({}),
    meta: z.record(z.string(), z.unknown()).default({}),
  }),
  providerResponse: z
    .object({
      json: z.unknown().optional(),
      textBody: z.string().optional(),
      status: z.number().int().min(100).max(599).default(200),
      headers: z.record(z.string(), z.unknown()).optional(),
    })
    .default({ status: 200 }),
  timing: z.object({ startTime: instant, endTime: instant, timeToFirstToken: z.number().nonnegative().nullish() }).optional(),
  provider: z.string().optional(),
});

type AsyncLog = z.infer<typeof asyncLogSchema>;

/** The wire format of the reported call: by the path it was sent to, else by what it looks like. */
function formatOf(ctx: GatewayContext, log: AsyncLog): WireFormat {
  if (ctx.endpoint.path.startsWith("/anthropic/")) return "anthropic";
  if (ctx.endpoint.path.startsWith("/oai/")) return "openai";
  const json = log.providerResponse.json as { type?: string; usage?: { input_tokens?: unknown } } | undefined;
  return log.provider?.toLowerCase() === "anthropic" || json?.type === "message" || json?.usage?.input_tokens !== undefined ? "anthropic" : "openai";
}

const isEmpty = (json: unknown) => json === undefined || json === null || (typeof json === "object" && Object.keys(json).length === 0);

/** The text as JSON when it is a JSON object, else undefined (a stream's SSE text). */
function jsonText(text: string): unknown {
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads and checks the report; Helicone-* entries of meta count as headers the request did not send. */
export async function readAsyncLog(ctx: GatewayContext, deps: GatewayDeps): Promise<void> {
  const body = await readJsonObject(ctx, deps);
  const parsed = asyncLogSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badRequest(`Invalid async log: ${issue.path.join(".") || "body"}: ${issue.message}.`, issue.path.join(".") || null, "invalid_value");
  }
  const log = parsed.data;
  for (const [name, value] of Object.entries(log.providerRequest.meta)) {
    const key = name.toLowerCase();
    if (key.startsWith("helicone-") && key !== "helicone-auth" && typeof value === "string" && ctx.req.headers[key] === undefined) ctx.req.headers[key] = value;
  }
  ctx.asyncLog = log;
}

/** Fills the row from the report, then answers; the log stage writes it like any call. */
export async function recordAsyncLog(ctx: GatewayContext, deps: GatewayDeps): Promise<void> {
  const log = ctx.asyncLog!;
  const request = log.providerRequest.json;
  const format = formatOf(ctx, log);
  const observer = new ResponseObserver(format, "chat", null);
  const { textBody } = log.providerResponse;
  // A complete answer may come as JSON or as its text (HeliconeManualLogger.logSingleRequest).
  const json = isEmpty(log.providerResponse.json) && textBody ? jsonText(textBody) : log.providerResponse.json;
  let model: string | undefined;
  if (!isEmpty(json)) {
    const result = observer.jsonResult(json);
    ctx.usage = result.usage ?? undefined;
    model = result.model;
    ctx.responseText = JSON.stringify(json);
  } else if (textBody) {
    // A stream, reported as the text that came over the wire.
    const parser = new SseParser((event) => observer.event(eventJson(event), event.data));
    parser.push(textBody);
    parser.end();
    const result = observer.streamResult();
    ctx.usage = result.usage ?? undefined;
    model = result.model;
    ctx.outputText = result.outputText;
    ctx.stream = true;
    ctx.responseText = textBody;
  }

  const requested = typeof request.model === "string" && request.model ? request.model : (model ?? "");
  ctx.modelRequested = requested;
  ctx.modelServed = model;
  ctx.body = request;
  ctx.rawBody = Buffer.from(JSON.stringify(request));
  if (ctx.userId === undefined && typeof request.user === "string" && request.user) ctx.userId = request.user;
  // Priced as the provider it names, else as the model's own provider; a model no provider
  // claims stays unpriced (a null cost, never $0).
  const providers = await providersFor(ctx, deps);
  const named = providers.get((log.provider ?? (ctx.endpoint.path.startsWith("/custom/") ? "" : format === "anthropic" ? "anthropic" : "openai")).toLowerCase());
  const route = requested ? resolveModel(named ? `${named.id}/${requested}` : requested, providers) : undefined;
  if (route?.ok) ctx.route = route.value;
  ctx.status = log.providerResponse.status;
  if (ctx.status >= 400) ctx.errorMessage = typeof json === "object" && json ? JSON.stringify(json).slice(0, 500) : textBody?.slice(0, 500);
  if (log.timing) {
    ctx.createdAt = new Date(log.timing.startTime);
    ctx.reportedLatencyMs = Math.max(0, Math.round(log.timing.endTime - log.timing.startTime));
    if (log.timing.timeToFirstToken !== null && log.timing.timeToFirstToken !== undefined) ctx.timeToFirstTokenMs = Math.round(log.timing.timeToFirstToken);
  }

  const answer = JSON.stringify({ id: ctx.id, status: "logged" });
  ctx.res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(answer), ...gatewayHeaders(ctx, 200) });
  ctx.res.end(answer);
  ctx.done = true;
}
