// Headers every gateway response carries, and the provider headers worth passing on.
import type { IncomingHttpHeaders } from "node:http";
import type { GatewayContext } from "./context";
import { rateLimitResponseHeaders } from "./stages/rate-limit";

/**
 * Headers every gateway answer carries, as Helicone's clients read them: the call's id under
 * Helicone's name (the caller's Helicone-Request-Id when it sent one, as Helicone does) and ours
 * as X-Request-Id (never the provider's id), Helicone-Status, the provider and model, and the
 * cache outcome when the request asked for caching (with the original call's latency on a hit).
 */
export function gatewayHeaders(ctx: GatewayContext, status: number): Record<string, string> {
  const headers: Record<string, string> = { "helicone-id": ctx.clientRequestId ?? ctx.id, "x-request-id": ctx.id, "helicone-status": status < 400 ? "success" : "failed" };
  if (ctx.route) {
    headers["helicone-provider"] = ctx.route.provider.id;
    headers["helicone-model"] = ctx.modelServed ?? ctx.route.model;
  }
  if (ctx.targets && ctx.targets.length > 1) headers["helicone-fallback-index"] = String(ctx.fallbackIndex);
  if (ctx.retryPolicy) headers["helicone-retry-count"] = String(ctx.retryCount);
  if (ctx.cache) {
    headers["helicone-cache"] = ctx.cache.status;
    if (ctx.cache.bucketIndex !== undefined) headers["helicone-cache-bucket-idx"] = String(ctx.cache.bucketIndex);
    if (ctx.cache.originalLatencyMs !== undefined) headers["helicone-cache-latency"] = String(ctx.cache.originalLatencyMs);
  }
  return { ...headers, ...rateLimitResponseHeaders(ctx) };
}

/** The provider's rate-limit headers (x-ratelimit-*, anthropic-ratelimit-*, retry-after). */
export function rateLimitHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (name.startsWith("x-ratelimit-") || name.startsWith("anthropic-ratelimit-") || name === "retry-after" || name === "retry-after-ms") {
      out[name] = Array.isArray(value) ? value.join(", ") : value;
    }
  }
  return out;
}

/** Waits until the client can take more, or has gone. */
export function drained(res: GatewayContext["res"]): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.removeListener("close", done);
      resolve();
    };
    res.once("drain", done);
    res.once("close", done);
  });
}

/** Writes and respects backpressure. */
export async function writeChunk(res: GatewayContext["res"], chunk: string | Uint8Array) {
  if (res.destroyed || res.writableEnded) return;
  if (!res.write(chunk)) await drained(res);
}
