// Last stage, always run: one log row per call that reached a workspace, whatever happened.
// Runs after the response ended; the row goes to the batched queue, never straight to the DB.
import type { RequestLogRow } from "../../db/request-log";
import { metrics } from "../../metrics";
import { costNanoUsd } from "../../pricing/cost";
import type { BodyState, GatewayContext } from "../context";
import type { GatewayDeps } from "../deps";
import { estimateUsage } from "../estimate";
import { saveToCache } from "./cache";
import { settleBudgets } from "./budget";
import { settleRateLimits } from "./rate-limit";
import { CLIENT_CLOSED } from "../upstream-failure";
import { clipIndexedValues } from "../../db/index-limits";

/** Helicone-Omit-Request/-Response: no body, but tokens and cost are still recorded. */
const OMITTED = { body: null, state: "omitted" as BodyState, bytes: null };

function capped(content: string | Buffer | undefined, limit: number): { body: string | null; state: BodyState; bytes: number | null } {
  if (content === undefined) return { body: null, state: "omitted", bytes: null };
  const buf = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  if (buf.length <= limit) return { body: typeof content === "string" ? content : buf.toString("utf8"), state: "full", bytes: buf.length };
  return { body: buf.subarray(0, limit).toString("utf8"), state: "truncated", bytes: buf.length };
}

/**
 * Usage as reported, or estimated for calls the provider worked on without reporting usage:
 * successes without a usage block, cancelled calls, and streams cut off midway.
 */
function finalUsage(ctx: GatewayContext) {
  // Passed-through calls (files, audio, …) have no prompt to count: usage is what they report.
  if (ctx.usage || ctx.endpoint.kind === "passthrough") return ctx.usage;
  const producedOutput = (ctx.status !== undefined && ctx.status < 400) || ctx.status === CLIENT_CLOSED || Boolean(ctx.outputText);
  return producedOutput && ctx.route ? estimateUsage(ctx.body, ctx.outputText ?? "") : undefined;
}

/** The row built from the context; its indexed values are clipped (index-limits.ts). */
export async function buildLogRow(ctx: GatewayContext, deps: GatewayDeps): Promise<RequestLogRow> {
  const usage = finalUsage(ctx);
  const provider = ctx.route?.provider;
  const model = ctx.modelServed ?? ctx.route?.model ?? ctx.modelRequested ?? "";
  // Nothing billed when no tokens were used (or a cache hit); tokens no provider prices are unpriced.
  let cost: bigint | null = (usage && !provider) || ctx.unpriced ? null : 0n;
  if (usage && provider && ctx.cache?.status !== "HIT") {
    const override = await deps.prices.find(ctx.workspaceId!, provider.id, ctx.route!.model).catch(() => undefined);
    const tokens = { inputTokens: usage.promptTokens, outputTokens: usage.completionTokens, cachedInputTokens: usage.cachedInputTokens, cacheWriteTokens: usage.cacheWriteTokens };
    cost = costNanoUsd(provider.pricingId, override ? ctx.route!.model : model, tokens, ctx.createdAt, override);
  }
  const request = ctx.omitRequestBody ? OMITTED : capped(ctx.rawBody, deps.config.storedBodyBytes);
  const response = ctx.omitResponseBody ? OMITTED : capped(ctx.responseText, deps.config.storedBodyBytes);
  return clipIndexedValues({
    ...baseRow(ctx),
    timeToFirstTokenMs: ctx.timeToFirstTokenMs ?? null,
    promptTokens: usage?.promptTokens ?? null,
    completionTokens: usage?.completionTokens ?? null,
    cachedInputTokens: usage?.cachedInputTokens ?? null,
    cacheWriteTokens: usage?.cacheWriteTokens ?? null,
    reasoningTokens: usage?.reasoningTokens ?? null,
    usageEstimated: usage?.estimated ?? false,
    costNanoUsd: cost,
    attempts: ctx.attempts.length > 1 ? JSON.stringify(ctx.attempts) : null,
    costSavedNanoUsd: ctx.cache?.status === "HIT" ? (ctx.cache.savedNanoUsd ?? null) : null,
    rateLimitedBy: ctx.rateLimit && !ctx.rateLimit.decision.allowed ? "gateway" : ctx.attempts.some((a) => a.status === 429) ? "provider" : null,
    rateLimitHeaders: ctx.rateLimitHeaders && Object.keys(ctx.rateLimitHeaders).length ? JSON.stringify(ctx.rateLimitHeaders) : null,
    requestBody: request.body,
    requestBodyState: request.state,
    requestBytes: request.bytes,
    responseBody: response.body,
    responseBodyState: response.state,
    responseBytes: ctx.responseBytes ?? response.bytes,
  });
}

/** What every row has, even one whose usage, cost or bodies could not be worked out. */
function baseRow(ctx: GatewayContext): RequestLogRow {
  return {
    id: ctx.id,
    workspaceId: ctx.workspaceId!,
    apiKeyId: ctx.apiKeyId ?? null,
    clientRequestId: ctx.clientRequestId ?? null,
    createdAt: ctx.createdAt,
    provider: ctx.route?.provider.id ?? "unknown",
    modelRequested: ctx.modelRequested ?? "",
    // One name per model: for a call no model answered, the model it was routed to (without the
    // provider prefix or registry alias the caller wrote), so it groups with the calls that were.
    modelServed: ctx.modelServed ?? ctx.route?.model ?? null,
    path: ctx.endpoint.path,
    status: ctx.status ?? 500,
    errorMessage: ctx.errorMessage ?? null,
    latencyMs: ctx.reportedLatencyMs ?? Math.round(performance.now() - ctx.startedAt),
    timeToFirstTokenMs: null,
    streamed: ctx.stream,
    promptTokens: null,
    completionTokens: null,
    cachedInputTokens: null,
    cacheWriteTokens: null,
    reasoningTokens: null,
    usageEstimated: false,
    costNanoUsd: null,
    costSavedNanoUsd: null,
    retryCount: ctx.retryCount,
    fallbackIndex: ctx.fallbackIndex,
    attempts: null,
    cacheStatus: ctx.cache?.status ?? null,
    userId: ctx.userId ?? null,
    sessionId: ctx.session?.id ?? null,
    sessionPath: ctx.session?.path ?? null,
    sessionName: ctx.session?.name ?? null,
    rateLimitedBy: null,
    rateLimitHeaders: null,
    requestBody: null,
    requestBodyState: "omitted",
    requestBytes: null,
    responseBody: null,
    responseBodyState: "omitted",
    responseBytes: null,
    clippedValues: null,
    properties: ctx.properties,
  };
}

/**
 * The row, or when building it failed (an input nothing foresaw), a row with what is known and
 * the failure in its error message: a call is never left without a row.
 */
export async function safeLogRow(ctx: GatewayContext, deps: GatewayDeps): Promise<RequestLogRow> {
  try {
    return await buildLogRow(ctx, deps);
  } catch (error) {
    metrics().incompleteLogRows.inc();
    const row = baseRow(ctx);
    const note = `Tollgate could not work out this call's usage and cost: ${(error as Error).message}`;
    return clipIndexedValues({ ...row, errorMessage: row.errorMessage ? `${row.errorMessage} (${note})` : note });
  }
}

export async function logRequest(ctx: GatewayContext, deps: GatewayDeps): Promise<void> {
  if (ctx.logged || !ctx.workspaceId) return; // without a workspace there is nowhere to log
  ctx.logged = true;
  const row = await safeLogRow(ctx, deps);
  deps.log.enqueue(row);
  await settleRateLimits(ctx, deps, { tokens: (row.promptTokens ?? 0) + (row.completionTokens ?? 0), costNano: row.costNanoUsd });
  await settleBudgets(ctx, deps, row.costNanoUsd);
  await saveToCache(ctx, deps, row);
  metrics().gatewayRequests.inc({ endpoint: row.path, provider: row.provider, status: String(row.status) });
}
