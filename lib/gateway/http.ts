// The two ends of a gateway call, as the smallest interfaces Node's http objects already
// satisfy. The custom server passes IncomingMessage/ServerResponse straight in; the Next route
// handler adapts a WHATWG Request/Response to them (route-handler.ts).
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

export interface GatewayRequest extends AsyncIterable<Buffer | string> {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
}

export interface GatewayResponse {
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
  writeHead(status: number, headers?: OutgoingHttpHeaders): unknown;
  write(chunk: string | Uint8Array): boolean;
  end(chunk?: string | Uint8Array): unknown;
  once(event: "drain" | "close", listener: () => void): unknown;
  removeListener(event: "close", listener: () => void): unknown;
}

/** One header value, whatever Node made of it. */
export function header(req: GatewayRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
