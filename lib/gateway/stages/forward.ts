// Stage 4: call the provider and answer the client (JSON, stream, or the provider's error).
// A client that disconnects aborts the upstream call.
import { request } from "undici";
import type { GatewayContext } from "../context";
import type { GatewayDeps } from "../deps";
import { respondWithJson } from "../respond-json";
import { respondWithStream } from "../respond-stream";
import { rateLimitHeaders } from "../response-headers";
import { ResponseObserver } from "../response-observer";
import { respondWithUpstreamError } from "../upstream-error";
import { upstreamFailure } from "../upstream-failure";
import { planUpstream } from "../upstream-plan";

export async function forward(ctx: GatewayContext, deps: GatewayDeps): Promise<void> {
  const plan = planUpstream(ctx, ctx.upstreamKey);
  const abort = new AbortController();
  const onClose = () => {
    if (!ctx.res.writableEnded) {
      ctx.cancelled = true;
      abort.abort();
    }
  };
  ctx.res.once("close", onClose);
  const { config } = deps;
  try {
    const upstream = await request(plan.url, {
      method: "POST",
      headers: plan.headers,
      body: plan.body,
      dispatcher: deps.dispatcher,
      signal: abort.signal,
      headersTimeout: ctx.stream ? config.firstByteTimeoutMs : config.upstreamTimeoutMs,
      bodyTimeout: ctx.stream ? config.streamIdleTimeoutMs : config.upstreamTimeoutMs,
    });
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
    ctx.res.removeListener("close", onClose);
  }
}
