// The gateway: a fixed list of stages run in order by one loop. A stage throws a
// GatewayError to answer early, or sets ctx.done once it has answered. Logging always runs last.
import { newRequestId } from "../request-id";
import type { GatewayContext } from "./context";
import type { GatewayDeps } from "./deps";
import type { Endpoint } from "./endpoints";
import { GatewayError, errorBody, toGatewayError } from "./errors";
import type { GatewayRequest, GatewayResponse } from "./http";
import { gatewayHeaders } from "./response-headers";
import { annotateRequest } from "./stages/annotate";
import { readAsyncLog, recordAsyncLog } from "./stages/async-log";
import { passThrough } from "./stages/passthrough";
import { authenticate } from "./stages/auth";
import { enforceBudgets } from "./stages/budget";
import { lookUpCache } from "./stages/cache";
import { forward } from "./stages/forward";
import { logRequest } from "./stages/log";
import { listModels } from "./stages/models";
import { parseRequest } from "./stages/parse";
import { enforceRateLimits } from "./stages/rate-limit";
import { routeRequest } from "./stages/route";
import { ingestTraces } from "./stages/traces";

type Stage = (ctx: GatewayContext, deps: GatewayDeps) => void | Promise<void>;

/** Each endpoint takes one method; any other gets a JSON 405 (logged, as the caller is known by then). */
function checkMethod(ctx: GatewayContext) {
  if (ctx.endpoint.method === "ANY" || ctx.req.method === ctx.endpoint.method || (ctx.req.method === "HEAD" && ctx.endpoint.method === "GET")) return;
  throw new GatewayError(405, `${ctx.endpoint.path} accepts ${ctx.endpoint.method} only.`, "invalid_request_error", "method_not_allowed", null, { allow: ctx.endpoint.method });
}

const PROXY_STAGES: Stage[] = [authenticate, checkMethod, annotateRequest, parseRequest, routeRequest, lookUpCache, enforceRateLimits, enforceBudgets, forward];
const MODELS_STAGES: Stage[] = [authenticate, checkMethod, listModels];
const LOG_STAGES: Stage[] = [authenticate, checkMethod, readAsyncLog, annotateRequest, recordAsyncLog];
const TRACES_STAGES: Stage[] = [authenticate, checkMethod, annotateRequest, ingestTraces];
const PASSTHROUGH_STAGES: Stage[] = [authenticate, annotateRequest, passThrough];
const STAGES: Partial<Record<Endpoint["kind"], Stage[]>> = { models: MODELS_STAGES, log: LOG_STAGES, traces: TRACES_STAGES, passthrough: PASSTHROUGH_STAGES };

function sendError(ctx: GatewayContext, error: unknown) {
  const failure = toGatewayError(error);
  ctx.status = failure.status;
  ctx.errorMessage = failure.message;
  if (ctx.res.headersSent || ctx.res.destroyed) {
    if (!ctx.res.writableEnded && !ctx.res.destroyed) ctx.res.end();
    return;
  }
  const body = JSON.stringify(errorBody(failure, ctx.endpoint.clientFormat === "anthropic"));
  ctx.responseText = body;
  ctx.res.writeHead(failure.status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...failure.headers, ...gatewayHeaders(ctx, failure.status) });
  ctx.res.end(body);
}

export async function handleGateway(req: GatewayRequest, res: GatewayResponse, endpoint: Endpoint, deps: GatewayDeps): Promise<void> {
  const createdAt = deps.clock();
  const ctx: GatewayContext = {
    id: newRequestId(createdAt),
    createdAt,
    startedAt: performance.now(),
    req,
    res,
    endpoint,
    stream: false,
    cancelled: false,
    logged: false,
    done: false,
    properties: [],
    attempts: [],
    retryCount: 0,
    fallbackIndex: 0,
    omitRequestBody: false,
    omitResponseBody: false,
  };
  try {
    for (const stage of STAGES[endpoint.kind] ?? PROXY_STAGES) {
      await stage(ctx, deps);
      if (ctx.done) break;
    }
  } catch (error) {
    sendError(ctx, error);
  } finally {
    if (endpoint.kind !== "models") {
      // The row is queued first thing in logRequest; what can fail after it (settling limits,
      // saving to the cache) must not fail the call, but is never silent.
      const logged = logRequest(ctx, deps).catch((error: Error) => console.error(`gateway: after logging ${ctx.id}: ${error.message}`));
      // Registered in the same tick the answer finished, before the client can ask again.
      if (ctx.cache?.status === "MISS" && ctx.cache.settings.save) deps.cacheWrites.track(ctx.cache.key, logged);
      await logged;
    }
  }
}
