// A client that goes away before its answer is complete cancels the upstream call: the call is
// marked cancelled (logged as 499) and the signal aborts the provider request.
import type { GatewayContext } from "./context";

export function abortOnClientClose(ctx: GatewayContext): { signal: AbortSignal; release: () => void } {
  const abort = new AbortController();
  const onClose = () => {
    if (!ctx.res.writableEnded) {
      ctx.cancelled = true;
      abort.abort();
    }
  };
  ctx.res.once("close", onClose);
  return { signal: abort.signal, release: () => ctx.res.removeListener("close", onClose) };
}
