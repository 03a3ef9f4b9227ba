// A streamed answer: every upstream byte goes to the client as soon as it arrives (translated
// event by event when the formats differ), while the stream is teed for the log.
import type { Dispatcher } from "undici";
import { SseParser, eventJson, formatSse } from "../providers/sse";
import type { GatewayContext } from "./context";
import type { GatewayDeps } from "./deps";
import { gatewayHeaders, writeChunk } from "./response-headers";
import type { ResponseObserver } from "./response-observer";
import { upstreamFailure } from "./upstream-failure";
import type { UpstreamPlan } from "./upstream-plan";

/** Streams longer than this are served but not cached. */
const MAX_CACHED_STREAM_BYTES = 4 * 1024 * 1024;

/** An error event in the client's stream format, for failures after the headers went out. */
function streamError(ctx: GatewayContext, message: string): string {
  return ctx.endpoint.clientFormat === "anthropic"
    ? formatSse({ event: "error", data: JSON.stringify({ type: "error", error: { type: "api_error", message } }) })
    : formatSse({ data: JSON.stringify({ error: { message, type: "api_error", param: null, code: "stream_interrupted" } }) });
}

export async function respondWithStream(
  ctx: GatewayContext,
  deps: GatewayDeps,
  upstream: Dispatcher.ResponseData,
  plan: UpstreamPlan,
  observer: ResponseObserver,
  passOn: Record<string, string>,
) {
  const { res } = ctx;
  res.writeHead(upstream.statusCode, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    "x-accel-buffering": "no", // tell nginx-style proxies not to buffer
    ...passOn,
    ...gatewayHeaders(ctx, upstream.statusCode),
  });
  ctx.status = upstream.statusCode;
  const translator = plan.createStreamTranslator?.() ?? null;
  let pending = "";
  let bytes = 0;
  const parser = new SseParser((event) => {
    const json = eventJson(event);
    observer.event(json, event.data);
    if (translator) pending += translator.event(event, json);
  });
  const decoder = new TextDecoder();
  const capture = ctx.cache?.status === "MISS" && ctx.cache.settings.save ? (ctx.streamCapture = [] as string[]) : null;
  const send = async (chunk: string | Uint8Array) => {
    bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
    if (capture && !ctx.cacheIncomplete) {
      capture.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      if (bytes > MAX_CACHED_STREAM_BYTES) ctx.cacheIncomplete = true;
    }
    await writeChunk(res, chunk);
  };

  try {
    for await (const chunk of upstream.body as AsyncIterable<Buffer>) {
      ctx.timeToFirstTokenMs ??= Math.round(performance.now() - ctx.startedAt);
      if (!translator) await send(chunk);
      parser.push(decoder.decode(chunk, { stream: true }));
      if (pending) {
        const out = pending;
        pending = "";
        await send(out);
      }
    }
    parser.push(decoder.decode());
    parser.end();
    if (translator) await send(pending + translator.finish());
  } catch (error) {
    if (ctx.cancelled) throw error;
    // Headers are out: the status can't change, so the client gets an error event instead.
    const failure = upstreamFailure(ctx, deps, error);
    ctx.status = failure.status;
    ctx.errorMessage = failure.message;
    ctx.cacheIncomplete = true;
    await send(streamError(ctx, failure.message)).catch(() => {});
  } finally {
    const result = observer.streamResult();
    ctx.usage = result.usage ?? undefined;
    ctx.modelServed = result.model;
    ctx.responseText = result.response;
    ctx.outputText = result.outputText;
    ctx.responseBytes = bytes;
    if (!res.writableEnded && !res.destroyed) res.end();
  }
}
