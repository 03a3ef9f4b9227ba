// OpenTelemetry ingest: POST /v1/traces takes an OTLP/HTTP export (protobuf or JSON, gzipped or
// not) from any OTel SDK, and logs each model-call span in it as a row, priced and tagged like a
// proxied call. Other spans (agent steps, tools, HTTP) only give the calls their session path.
// Rows are keyed by workspace, trace and span, so an exporter that retries a batch adds nothing.
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { metrics } from "../../metrics";
import { type LlmCall, llmCallOf } from "../../otel/llm-call";
import { OtlpDecodeError, type OtlpSpan, spansFromJson, spansFromProtobuf } from "../../otel/otlp-spans";
import { pricingProviderId } from "../../pricing/provider-names";
import { canonicalModel } from "../../providers/aliases";
import { type ProviderConfig, customProvider } from "../../providers/config";
import { resolveModel } from "../../providers/registry";
import type { GatewayContext } from "../context";
import type { GatewayDeps } from "../deps";
import { GatewayError, badRequest } from "../errors";
import { header } from "../http";
import { gatewayHeaders } from "../response-headers";
import { safeLogRow } from "./log";
import { parseJsonObject, readBody, tooLarge } from "./parse";
import { providersFor } from "./route";

const gunzipAsync = promisify(gunzip);

type Encoding = "protobuf" | "json";

function encodingOf(ctx: GatewayContext): Encoding {
  const type = header(ctx.req, "content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type === "application/x-protobuf" || type === "application/protobuf") return "protobuf";
  if (type === "application/json") return "json";
  throw new GatewayError(415, "Send OTLP/HTTP traces as application/x-protobuf or application/json.", "invalid_request_error", "unsupported_media_type");
}

async function readExport(ctx: GatewayContext, deps: GatewayDeps): Promise<Buffer> {
  const limit = deps.config.maxBodyBytes;
  const body = await readBody(ctx, limit);
  const encoding = header(ctx.req, "content-encoding")?.trim().toLowerCase();
  if (!encoding || encoding === "identity") return body;
  if (encoding !== "gzip") throw new GatewayError(415, `Content-Encoding "${encoding.slice(0, 40)}" is not supported; use gzip or none.`, "invalid_request_error", "unsupported_media_type");
  try {
    return await gunzipAsync(body, { maxOutputLength: limit });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(limit);
    throw badRequest("The body is not valid gzip.", null, "invalid_body");
  }
}

/** The provider a call is priced and logged under: the workspace's by that name, else the one genai-prices knows. */
function providerOf(call: LlmCall, providers: Map<string, ProviderConfig>): ProviderConfig | undefined {
  if (!call.system) {
    const resolved = call.model ? resolveModel(call.model, providers) : undefined;
    return resolved?.ok ? resolved.value.provider : undefined;
  }
  const named = providers.get(call.system.toLowerCase());
  if (named) return named;
  const pricingId = pricingProviderId(call.system);
  if (!pricingId) return undefined;
  // The provider priced under that id (xAI's is "x-ai"); one Tollgate does not call is priced all the same.
  return providers.get(pricingId) ?? [...providers.values()].find((p) => p.pricingId === pricingId) ?? { ...customProvider(pricingId, ""), pricingId };
}

/** A row id no other call can have, the same each time this span is sent. */
function rowId(workspaceId: string, span: OtlpSpan): string {
  const hex = createHash("sha256").update(`${workspaceId}:${span.traceId}:${span.spanId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const MAX_PATH_DEPTH = 32;
const NS_PER_MS = 1_000_000n;

/** The names of the span's ancestors in this export, outermost first, then its own. */
function ancestry(span: OtlpSpan, byId: Map<string, OtlpSpan>): OtlpSpan[] {
  const chain = [span];
  for (let parent = span.parentSpanId && byId.get(span.parentSpanId); parent && chain.length < MAX_PATH_DEPTH; parent = parent.parentSpanId && byId.get(parent.parentSpanId)) chain.unshift(parent);
  return chain;
}

/** The call as the context the log stage turns into a row. */
function callContext(ctx: GatewayContext, call: LlmCall, byId: Map<string, OtlpSpan>, providers: Map<string, ProviderConfig>, now: Date): GatewayContext {
  const { span } = call;
  const provider = providerOf(call, providers);
  const model = call.model.replace(/^models\//, "");
  const chain = ancestry(span, byId);
  const started = span.startNs > 0n ? new Date(Number(span.startNs / NS_PER_MS)) : now;
  const headerProperties = ctx.properties.filter((p) => !call.properties.some((q) => q.key === p.key));
  return {
    ...ctx,
    id: rowId(ctx.workspaceId!, span),
    clientRequestId: `${span.traceId}-${span.spanId}`,
    createdAt: started > now ? now : started,
    route: provider && model ? { provider, model: canonicalModel(model, provider.id) } : undefined,
    modelRequested: model,
    modelServed: call.responseModel,
    usage: call.usage,
    stream: call.streamed,
    timeToFirstTokenMs: call.timeToFirstTokenMs === undefined ? undefined : Math.round(call.timeToFirstTokenMs),
    reportedLatencyMs: span.endNs > span.startNs ? Number((span.endNs - span.startNs) / NS_PER_MS) : 0,
    status: call.status,
    errorMessage: call.error,
    body: call.request,
    rawBody: Buffer.from(JSON.stringify(call.request)),
    responseText: call.response ? JSON.stringify(call.response) : undefined,
    userId: call.userId ?? ctx.userId,
    properties: [...headerProperties, ...call.properties],
    // The trace is the session unless the instrumentation names one, named after the service;
    // the path is the call's ancestors as far as this export holds them.
    session: {
      id: ctx.session?.id ?? call.session.id ?? span.traceId,
      name: ctx.session?.name ?? call.session.name ?? (typeof span.resource["service.name"] === "string" ? span.resource["service.name"] : undefined),
      path: ctx.session?.path ?? `/${chain.map((s) => s.name.replace(/\//g, "-") || "span").join("/")}`,
    },
    attempts: [],
    logged: false,
  };
}

function decode(encoding: Encoding, body: Buffer): OtlpSpan[] {
  try {
    return encoding === "protobuf" ? spansFromProtobuf(body) : spansFromJson(parseJsonObject(body));
  } catch (error) {
    if (error instanceof OtlpDecodeError) throw badRequest(error.message, null, "invalid_otlp");
    throw error;
  }
}

export async function ingestTraces(ctx: GatewayContext, deps: GatewayDeps): Promise<void> {
  const encoding = encodingOf(ctx);
  const spans = decode(encoding, await readExport(ctx, deps));
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const providers = await providersFor(ctx, deps);
  const now = deps.clock();
  const seen = new Set<string>();
  let logged = 0;
  for (const span of spans) {
    const call = llmCallOf(span);
    if (!call || seen.has(span.spanId)) continue;
    seen.add(span.spanId);
    const row = await safeLogRow(callContext(ctx, call, byId, providers, now), deps);
    deps.log.enqueue(row);
    metrics().gatewayRequests.inc({ endpoint: row.path, provider: row.provider, status: String(row.status) });
    logged++;
  }
  // The export itself is not a model call: its spans are the rows.
  ctx.logged = true;
  ctx.status = 200;
  const answer = encoding === "protobuf" ? Buffer.alloc(0) : Buffer.from("{}");
  ctx.res.writeHead(200, {
    "content-type": encoding === "protobuf" ? "application/x-protobuf" : "application/json",
    "content-length": answer.length,
    "tollgate-logged-spans": String(logged),
    ...gatewayHeaders(ctx, 200),
  });
  ctx.res.end(answer);
  ctx.done = true;
}
