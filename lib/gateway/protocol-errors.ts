// Answers for requests that never reach a gateway stage: malformed HTTP, unknown /v1 paths,
// methods nobody serves, undecodable URLs. Each is a 4xx in OpenAI's error shape, never Node's
// plain-text 400/431 nor Next's HTML 404/405 or a 500.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { GatewayError, errorBody } from "./errors";

const json = (error: GatewayError) => JSON.stringify(errorBody(error, false));

export function sendGatewayError(res: ServerResponse, error: GatewayError) {
  const body = json(error);
  res.writeHead(error.status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...error.headers });
  res.end(body);
}

export const unknownEndpoint = (path: string) =>
  new GatewayError(404, `Tollgate does not serve ${path.slice(0, 200)}. See GET /v1/models and the README for the endpoints.`, "not_found_error", "unknown_endpoint");

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * For the custom server, before Next sees the request: a problem Next would answer with a 500 or
 * an HTML page. Null when the request is fine to route.
 */
export function requestLineProblem(req: IncomingMessage): GatewayError | null {
  if (!METHODS.has(req.method ?? "")) {
    return new GatewayError(405, `Method ${String(req.method).slice(0, 20)} is not allowed.`, "invalid_request_error", "method_not_allowed", null, { allow: [...METHODS].join(", ") });
  }
  const url = req.url ?? "";
  if (!url.startsWith("/")) return new GatewayError(400, "The request target must be a path.", "invalid_request_error", "invalid_path");
  const q = url.indexOf("?");
  try {
    decodeURIComponent(q === -1 ? url : url.slice(0, q));
    if (q !== -1) new URLSearchParams(url.slice(q + 1));
  } catch {
    return new GatewayError(400, "The request path is not validly percent-encoded.", "invalid_request_error", "invalid_path");
  }
  return null;
}

/** Node's own parser errors (a malformed request, headers too large) as JSON, then close. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex) {
  if (!socket.writable || error.code === "ECONNRESET") return socket.destroy();
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const failure = tooLarge
    ? new GatewayError(431, "The request headers are too large (Node's limit is 16 KB in all; Tollgate takes at most 50 Helicone-Property- headers).", "invalid_request_error", "headers_too_large")
    : new GatewayError(400, "The request is not valid HTTP.", "invalid_request_error", "malformed_request");
  const body = json(failure);
  const reason = tooLarge ? "Request Header Fields Too Large" : "Bad Request";
  socket.end(`HTTP/1.1 ${failure.status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
