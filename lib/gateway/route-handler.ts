// The gateway as a Next route handler: adapts a WHATWG Request/Response pair to the two small
// interfaces the core speaks (http.ts). Slower than the custom server's direct path, which
// `npm start` uses; this one serves `next dev` and plain `next start`.
import { EventEmitter } from "node:events";
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import { matchEndpoint } from "./endpoints";
import type { GatewayRequest, GatewayResponse } from "./http";
import { gateway } from "./runtime";

function toGatewayRequest(request: Request): GatewayRequest {
  const url = new URL(request.url);
  const headers: IncomingHttpHeaders = Object.fromEntries(request.headers);
  const body = request.body;
  return {
    method: request.method,
    url: url.pathname + url.search,
    headers,
    async *[Symbol.asyncIterator]() {
      if (!body) return;
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    },
  };
}

/** A GatewayResponse that becomes a streamed Response once the head is written. */
class WebResponse extends EventEmitter implements GatewayResponse {
  headersSent = false;
  writableEnded = false;
  destroyed = false;
  readonly response: Promise<Response>;
  private resolve!: (response: Response) => void;
  private controller!: ReadableStreamDefaultController<Uint8Array>;

  constructor(signal: AbortSignal) {
    super();
    this.response = new Promise((resolve) => (this.resolve = resolve));
    signal.addEventListener("abort", () => this.destroy());
  }

  writeHead(status: number, headers: OutgoingHttpHeaders = {}) {
    const out = new Headers();
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) out.append(name, String(v));
    }
    const body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => void (this.controller = controller),
        pull: () => void this.emit("drain"),
        cancel: () => this.destroy(),
      },
      { highWaterMark: 16 },
    );
    this.headersSent = true;
    this.resolve(new Response(status === 204 || status === 304 ? null : body, { status, headers: out }));
    return this;
  }

  write(chunk: string | Uint8Array): boolean {
    if (this.destroyed || this.writableEnded) return false;
    this.controller.enqueue(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
    return (this.controller.desiredSize ?? 1) > 0;
  }

  end(chunk?: string | Uint8Array) {
    if (this.writableEnded || this.destroyed) return this;
    if (!this.headersSent) this.writeHead(200);
    if (chunk !== undefined) this.write(chunk);
    this.writableEnded = true;
    this.controller.close();
    this.emit("close");
    return this;
  }

  private destroy() {
    if (this.destroyed || this.writableEnded) return;
    this.destroyed = true;
    this.emit("close");
  }
}

/**
 * Route handlers for one gateway path, every method: the gateway answers a wrong one with a JSON
 * 405, as under `npm start`. `export const { GET, POST, … } = gatewayRoutes("/v1/chat/completions")`.
 */
export function gatewayRoutes(path: string) {
  const endpoint = matchEndpoint(path);
  if (!endpoint) throw new Error(`${path} is not a gateway path`);
  const handle = (request: Request): Promise<Response> => {
    const res = new WebResponse(request.signal);
    void gateway().handle(toGatewayRequest(request), res, endpoint);
    return res.response;
  };
  return { GET: handle, HEAD: handle, POST: handle, PUT: handle, PATCH: handle, DELETE: handle, OPTIONS: handle };
}
