// Stage: call the provider (with retries and fallbacks, attempts.ts) and answer the client with
// JSON, a stream, or the provider's error. A client that disconnects aborts the upstream call.
import type { GatewayContext } from "../context";
import type { GatewayDeps } from "../deps";
import { callWithRetriesAndFallbacks } from "../attempts";
import { abortOnClientClose } from "../client-abort";
import { respondWithJson } from "../respond-json";
import { respondWithStream } from "../respond-stream";
import { rateLimitHeaders } from "../response-headers";
import { ResponseObserver } from "../response-observer";
import { respondWithUpstreamError } from "../upstream-error";
import { upstreamFailure } from "../upstream-failure";

export async function forward(ctx: GatewayContext, deps: GatewayDeps): Promise<void> {
  const { signal, release } = abortOnClientClose(ctx);
  try {
    const { upstream, plan } = await callWithRetriesAndFallbacks(ctx, deps, signal);
    const passOn = rateLimitHeaders(upstream.headers);
    ctx.rateLimitHeaders = passOn;
    if (upstream.statusCode >= 400) return await respondWithUpstreamError(ctx, upstream, passOn);
    const observer = new ResponseObserver(plan.upstreamFormat, ctx.endpoint.kind, plan.translateJson);
    const streamed = String(upstream.headers["content-type"] ?? "").includes("text/event-stream");
    if (streamed) await respondWithStream(ctx, deps, upstream, plan, observer, passOn);
    else await respondWithJson(ctx, upstream, plan, observer, passOn);
  } catch (error) {
    throw upstreamFailure(ctx, deps, error);
  } finally {
    release();
  }
}
