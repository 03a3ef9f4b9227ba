// Stage: the rest of OpenAI's API (moderations, images, audio, files, batches), passed through
// to an OpenAI-compatible provider as it is: the request body streams up (multipart uploads
// included) and the answer streams back (binary audio included), never buffered whole. The call
// is logged with what is known: status, latency, bytes, the JSON bodies, usage and cost where the
// answer reports usage; a paid call whose cost cannot be known is logged as unpriced, not $0.
import { Readable } from "node:stream";
import type { Dispatcher } from "undici";
import { request } from "undici";
import type { ProviderConfig } from "../../providers/config";
import { resolveModel } from "../../providers/registry";
import { openAiUsage } from "../../providers/usage";
import type { GatewayContext } from "../context";
import type { GatewayDeps } from "../deps";
import { GatewayError, badRequest } from "../errors";
import { header } from "../http";
import { gatewayHeaders, rateLimitHeaders, writeChunk } from "../response-headers";
import { abortOnClientClose } from "../client-abort";
import { upstreamFailure } from "../upstream-failure";
import { readJsonObject } from "./parse";
import { passthroughFamily } from "../passthrough-paths";
import { providersFor } from "./route";

const STREAMED_HEADERS = ["content-type", "content-length", "content-disposition", "transfer-encoding"];

function providerFor(ctx: GatewayContext, providers: Map<string, ProviderConfig>, model: string | undefined): ProviderConfig {
  const resolved = model ? resolveModel(model, providers) : undefined;
  const provider = resolved?.ok ? resolved.value.provider : providers.get("openai");
  if (!provider || provider.format !== "openai") throw badRequest(`${ctx.endpoint.path} is served by OpenAI-compatible providers only.`, model ? "model" : null, "unsupported_endpoint");
  if (resolved?.ok) ctx.route = resolved.value;
  else ctx.route = { provider, model: model ?? "" };
  return provider;
}

export async function passThrough(ctx: GatewayContext, deps: GatewayDeps): Promise<void> {
  const url = ctx.req.url ?? "";
  const q = url.indexOf("?");
  const path = (q === -1 ? url : url.slice(0, q)).replace(/^\/v1(?=\/)/, "");
  const family = passthroughFamily(path)!;
  const contentType = header(ctx.req, "content-type") ?? "";
  const method = ctx.req.method ?? "GET";
  const isJson = method === "POST" && contentType.includes("application/json");

  let model: string | undefined;
  let body: Dispatcher.DispatchOptions["body"];
  if (isJson) {
    ctx.body = await readJsonObject(ctx, deps);
    model = typeof ctx.body.model === "string" ? ctx.body.model : undefined;
    ctx.modelRequested = model;
  } else if (method !== "GET" && method !== "DELETE" && method !== "HEAD") {
    body = Readable.from(ctx.req); // an upload: streamed up as it arrives
  }
  if (model && ctx.allowedModels && !ctx.allowedModels.includes(model)) {
    throw new GatewayError(403, `This API key may not call "${model}".`, "permission_error", "model_not_allowed", "model");
  }
  const provider = providerFor(ctx, await providersFor(ctx, deps), model);
  if (isJson) body = model && ctx.route!.model !== model ? JSON.stringify({ ...ctx.body, model: ctx.route!.model }) : ctx.rawBody;
  const key = ctx.providerKey ?? provider.apiKey;
  if (!key && !provider.keyOptional) throw badRequest(`No API key for provider "${provider.id}". Set ${provider.id.toUpperCase()}_API_KEY on the gateway, or send your own key in Authorization with your Tollgate key in Helicone-Auth.`, null, "missing_provider_key");

  const headers: Record<string, string> = {};
  if (contentType) headers["content-type"] = contentType;
  const length = header(ctx.req, "content-length");
  if (length && !isJson) headers["content-length"] = length;
  if (key) headers.authorization = `Bearer ${key}`;
  const { signal, release } = abortOnClientClose(ctx);

  let upstream: Dispatcher.ResponseData;
  try {
    upstream = await request(`${provider.baseUrl}${path}${q === -1 ? "" : url.slice(q)}`, {
      method: method as Dispatcher.HttpMethod,
      headers,
      body: body as Dispatcher.DispatchOptions["body"],
      dispatcher: provider.memberSupplied ? deps.publicDispatcher : deps.dispatcher,
      signal,
      headersTimeout: deps.config.upstreamTimeoutMs,
      bodyTimeout: deps.config.upstreamTimeoutMs,
    });
  } catch (error) {
    release();
    throw upstreamFailure(ctx, deps, error);
  }

  const answerType = String(upstream.headers["content-type"] ?? "");
  const passOn: Record<string, string> = rateLimitHeaders(upstream.headers);
  for (const name of STREAMED_HEADERS) {
    const value = upstream.headers[name];
    if (typeof value === "string") passOn[name] = value;
  }
  ctx.status = upstream.statusCode;
  ctx.rateLimitHeaders = rateLimitHeaders(upstream.headers);
  ctx.res.writeHead(upstream.statusCode, { ...passOn, ...gatewayHeaders(ctx, upstream.statusCode) });
  // Text answers are kept for the log (up to the stored-body limit); binary ones only counted.
  const textual = /json|text/.test(answerType);
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let bytes = 0;
  try {
    for await (const chunk of upstream.body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (textual && keptBytes <= deps.config.storedBodyBytes) {
        kept.push(chunk);
        keptBytes += chunk.length;
      }
      await writeChunk(ctx.res, chunk);
    }
  } catch (error) {
    throw upstreamFailure(ctx, deps, error);
  } finally {
    release();
  }
  if (!ctx.res.writableEnded && !ctx.res.destroyed) ctx.res.end();
  ctx.responseBytes = bytes;
  if (textual) {
    const text = Buffer.concat(kept).toString("utf8");
    ctx.responseText = text;
    if (answerType.includes("json")) {
      try {
        const json = JSON.parse(text) as { usage?: unknown; model?: string; error?: { message?: string } };
        ctx.usage = openAiUsage(json.usage) ?? undefined;
        if (typeof json.model === "string") ctx.modelServed = json.model;
        if (upstream.statusCode >= 400) ctx.errorMessage = json.error?.message;
      } catch {
        // a truncated or non-JSON answer: logged as it came
      }
    }
  }
  // A paid call that reports no usage cannot be priced: unpriced, never a silent $0.
  if (family.paid && !ctx.usage && upstream.statusCode < 400) ctx.unpriced = true;
  ctx.done = true;
}
