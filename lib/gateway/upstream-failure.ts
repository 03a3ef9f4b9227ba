// Why a call to a provider failed, as the status the client should see.
import type { GatewayContext } from "./context";
import type { GatewayDeps } from "./deps";
import { GatewayError, toGatewayError } from "./errors";
import { UntranslatableRequest } from "../providers/translate/untranslatable";
import { BlockedTargetError } from "../net/public-address";

const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT"]);

export const CLIENT_CLOSED = 499; // nginx's convention for "the client went away"

export function upstreamFailure(ctx: GatewayContext, deps: GatewayDeps, error: unknown): GatewayError {
  if (ctx.cancelled) return new GatewayError(CLIENT_CLOSED, "The client closed the connection before the answer was complete.", "api_error", "client_closed_request");
  if (error instanceof GatewayError || error instanceof UntranslatableRequest) return toGatewayError(error);
  if (error instanceof BlockedTargetError) return new GatewayError(403, `${ctx.route?.provider.id ?? "This provider"}'s base URL is not allowed: ${error.message}.`, "permission_error", "upstream_blocked");
  // A fault of the gateway's own (a bug, not the network): never shown to the client as is.
  if (error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError) {
    console.error(`gateway: internal error on a call to ${ctx.route?.provider.id ?? "a provider"}: ${error.message}`);
    return new GatewayError(500, "The gateway failed to handle this request.", "api_error", "internal_error");
  }
  const provider = ctx.route?.provider.id ?? "the provider";
  const code = (error as { code?: string }).code ?? "";
  if (TIMEOUT_CODES.has(code)) {
    const limit = !ctx.stream
      ? deps.config.upstreamTimeoutMs
      : code === "UND_ERR_HEADERS_TIMEOUT"
        ? deps.config.firstByteTimeoutMs
        : deps.config.streamIdleTimeoutMs;
    const what = ctx.stream && code === "UND_ERR_BODY_TIMEOUT" ? "sent nothing more" : "did not answer";
    return new GatewayError(504, `${provider} ${what} within ${limit} ms.`, "timeout_error", "upstream_timeout");
  }
  const detail = code || (error as Error).message || "unknown error";
  return new GatewayError(502, `Could not complete the call to ${provider} (${detail}).`, "api_error", "upstream_unreachable");
}
