// Headers every gateway response carries, and the provider headers worth passing on.
import type { IncomingHttpHeaders } from "node:http";
import type { GatewayContext } from "./context";

/** Our own id, under Helicone's name and the usual one. Never the provider's id. */
export const idHeaders = (ctx: GatewayContext) => ({ "helicone-id": ctx.id, "x-request-id": ctx.id });

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
