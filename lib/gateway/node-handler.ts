// Serving the gateway from a plain Node http server: the custom server's fast path.
import type { IncomingMessage, ServerResponse } from "node:http";
import { matchEndpoint } from "./endpoints";
import { toGatewayError } from "./errors";
import { sendGatewayError, unknownEndpoint } from "./protocol-errors";
import type { Gateway } from "./runtime";

const isUnderV1 = (url: string) => url === "/v1" || url.startsWith("/v1/") || url.startsWith("/v1?");

/**
 * Handles the request when its path is a gateway path (or an unknown one under /v1, a JSON 404);
 * returns false to let another handler take it.
 */
export function serveGatewayPath(gw: Gateway, req: IncomingMessage, res: ServerResponse): boolean {
  const endpoint = matchEndpoint(req.url);
  if (!endpoint) {
    if (!isUnderV1(req.url ?? "")) return false;
    sendGatewayError(res, unknownEndpoint((req.url ?? "").split("?")[0]!));
    return true;
  }
  gw.handle(req, res, endpoint).catch((error: Error) => {
    console.error(`gateway: unhandled error: ${error.message}`);
    if (!res.headersSent) sendGatewayError(res, toGatewayError(error));
    else res.destroy();
  });
  return true;
}
