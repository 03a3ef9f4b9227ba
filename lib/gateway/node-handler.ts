// Serving the gateway from a plain Node http server: the custom server's fast path.
import type { IncomingMessage, ServerResponse } from "node:http";
import { matchEndpoint } from "./endpoints";
import type { Gateway } from "./runtime";

/** Handles the request when its path is a gateway path; returns false to let another handler take it. */
export function serveGatewayPath(gw: Gateway, req: IncomingMessage, res: ServerResponse): boolean {
  const endpoint = matchEndpoint(req.url);
  if (!endpoint) return false;
  gw.handle(req, res, endpoint).catch((error: Error) => {
    console.error(`gateway: unhandled error: ${error.message}`);
    if (!res.headersSent) res.writeHead(500).end();
  });
  return true;
}
