// The calls behind one request: each target in order (the requested model, then its
// fallbacks), each tried again on retryable failures when Helicone-Retry-Enabled asks for it.
// Everything here happens before a byte reaches the client, so retrying is always safe.
import { type Dispatcher, request } from "undici";
import { metrics } from "../metrics";
import type { GatewayContext, Target } from "./context";
import type { GatewayDeps } from "./deps";
import { backoffMs, isRetryableStatus } from "./retry-policy";
import { upstreamFailure } from "./upstream-failure";
import { readUpstreamError } from "./upstream-error";
import { type UpstreamPlan, planUpstream } from "./upstream-plan";

export interface FinalAnswer {
  upstream: Dispatcher.ResponseData;
  plan: UpstreamPlan;
}

function send(ctx: GatewayContext, deps: GatewayDeps, plan: UpstreamPlan, signal: AbortSignal) {
  const { config } = deps;
  return request(plan.url, {
    method: "POST",
    headers: plan.headers,
    body: plan.body,
    dispatcher: ctx.route!.provider.memberSupplied ? deps.publicDispatcher : deps.dispatcher,
    signal,
    headersTimeout: ctx.stream ? config.firstByteTimeoutMs : config.upstreamTimeoutMs,
    bodyTimeout: ctx.stream ? config.streamIdleTimeoutMs : config.upstreamTimeoutMs,
  });
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

function switchTo(ctx: GatewayContext, target: Target, index: number) {
  ctx.route = target.route;
  ctx.upstreamKey = target.upstreamKey;
  ctx.fallbackIndex = index;
}

function record(ctx: GatewayContext, started: number, status: number, error?: string) {
  metrics().upstreamResponses.inc({ provider: ctx.route!.provider.id, status: String(status) });
  ctx.attempts.push({ provider: ctx.route!.provider.id, model: ctx.route!.model, fallbackIndex: ctx.fallbackIndex, status, latencyMs: Math.round(performance.now() - started), ...(error ? { error } : {}) });
}

/** The answer to send on: the first success, or the last failure when nothing is left to try. */
export async function callWithRetriesAndFallbacks(ctx: GatewayContext, deps: GatewayDeps, signal: AbortSignal): Promise<FinalAnswer> {
  const targets = ctx.targets ?? [{ route: ctx.route!, upstreamKey: ctx.upstreamKey, onCodes: [] }];
  const policy = ctx.retryPolicy;
  for (let index = 0; ; index++) {
    switchTo(ctx, targets[index]!, index);
    const plan = planUpstream(ctx, ctx.upstreamKey);
    const next = targets[index + 1];
    for (let retry = 0; ; retry++) {
      const started = performance.now();
      const canRetry = (status: number) => policy !== null && policy !== undefined && retry < policy.retries && isRetryableStatus(status);
      let upstream: Dispatcher.ResponseData;
      try {
        upstream = await send(ctx, deps, plan, signal);
      } catch (error) {
        if (ctx.cancelled) throw error;
        const failure = upstreamFailure(ctx, deps, error);
        record(ctx, started, failure.status, failure.message);
        if (canRetry(failure.status)) {
          await sleep(backoffMs(policy!, retry, {}), signal);
          ctx.retryCount++;
          continue;
        }
        if (next?.onCodes.includes(failure.status)) break;
        throw failure;
      }
      const status = upstream.statusCode;
      if (status < 400 || (!canRetry(status) && !next?.onCodes.includes(status))) {
        record(ctx, started, status);
        return { upstream, plan };
      }
      const error = await readUpstreamError(upstream);
      record(ctx, started, status, error.message);
      if (canRetry(status)) {
        await sleep(backoffMs(policy!, retry, upstream.headers), signal);
        ctx.retryCount++;
        continue;
      }
      break; // on to the next target
    }
  }
}
