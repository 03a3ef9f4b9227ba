// A provider's error answer, passed on with its status in the client's format.
import type { Dispatcher } from "undici";
import type { GatewayContext } from "./context";
import type { ErrorType } from "./errors";
import { gatewayHeaders } from "./response-headers";

const MAX_ERROR_BODY = 64 * 1024;

const TYPE_BY_STATUS: Record<number, ErrorType> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  408: "timeout_error",
  429: "rate_limit_error",
};

async function readCapped(body: Dispatcher.ResponseData["body"]): Promise<string> {
  let text = "";
  for await (const chunk of body) {
    if (text.length < MAX_ERROR_BODY) text += chunk.toString();
  }
  return text.slice(0, MAX_ERROR_BODY);
}

/** The message and type of an upstream error body, whichever provider wrote it. */
function describe(text: string, status: number): { message: string; type: string; code: string | null; param: string | null } {
  try {
    const json = JSON.parse(text) as { error?: { message?: string; type?: string; code?: string | null; param?: string | null } | string; message?: string };
    const error = typeof json.error === "string" ? { message: json.error } : json.error;
    const message = error?.message ?? json.message;
    if (message) return { message, type: error?.type ?? TYPE_BY_STATUS[status] ?? "api_error", code: error?.code ?? null, param: error?.param ?? null };
  } catch {
    // not JSON: fall through
  }
  return { message: text.trim().slice(0, 500) || `The provider answered ${status}.`, type: TYPE_BY_STATUS[status] ?? "api_error", code: null, param: null };
}

/** Reads (and so releases) a provider's error answer. */
export async function readUpstreamError(upstream: Dispatcher.ResponseData) {
  return describe(await readCapped(upstream.body), upstream.statusCode);
}

export async function respondWithUpstreamError(ctx: GatewayContext, upstream: Dispatcher.ResponseData, passOn: Record<string, string>) {
  const error = await readUpstreamError(upstream);
  const body = JSON.stringify(ctx.endpoint.clientFormat === "anthropic" ? { type: "error", error } : { error });
  ctx.status = upstream.statusCode;
  ctx.errorMessage = error.message;
  ctx.responseText = body;
  ctx.responseBytes = Buffer.byteLength(body);
  ctx.res.writeHead(upstream.statusCode, { "content-type": "application/json", "content-length": ctx.responseBytes, ...passOn, ...gatewayHeaders(ctx, upstream.statusCode) });
  ctx.res.end(body);
}
