// A complete (non-streamed) answer: read it, translate if needed, send it, note usage.
import type { Dispatcher } from "undici";
import type { GatewayContext } from "./context";
import { GatewayError } from "./errors";
import { gatewayHeaders } from "./response-headers";
import type { ResponseObserver } from "./response-observer";
import type { UpstreamPlan } from "./upstream-plan";

export async function respondWithJson(ctx: GatewayContext, upstream: Dispatcher.ResponseData, plan: UpstreamPlan, observer: ResponseObserver, passOn: Record<string, string>) {
  const chunks: Buffer[] = [];
  for await (const chunk of upstream.body as AsyncIterable<Buffer>) chunks.push(chunk);
  const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new GatewayError(502, `${ctx.route!.provider.id} returned a body that is not JSON.`, "api_error", "bad_upstream_response");
  }
  const { usage, model } = observer.jsonResult(json);
  ctx.usage = usage ?? undefined;
  ctx.modelServed = model;
  const body = plan.translateJson ? Buffer.from(JSON.stringify(plan.translateJson(json))) : raw;
  ctx.status = upstream.statusCode;
  ctx.responseBytes = body.length;
  ctx.responseText = body;
  ctx.res.writeHead(upstream.statusCode, { "content-type": "application/json", "content-length": body.length, ...passOn, ...gatewayHeaders(ctx, upstream.statusCode) });
  ctx.res.end(body);
}
