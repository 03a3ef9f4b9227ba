// Stage: the response cache (Helicone-Cache-*). A hit is answered from the store with no
// upstream call and logged as its own request, free, crediting the original cost as saved.
// A miss goes on; its 2xx answer is stored after the client has it (saveToCache, from the log stage).
import { cacheKey } from "../../cache/key";
import { readCacheSettings } from "../../cache/settings";
import type { CachedResponse } from "../../cache/types";
import type { RequestLogRow } from "../../db/request-log";
import type { GatewayContext } from "../context";
import type { GatewayDeps } from "../deps";
import { gatewayHeaders } from "../response-headers";

export async function lookUpCache(ctx: GatewayContext, deps: GatewayDeps): Promise<void> {
  const settings = readCacheSettings(ctx.req.headers);
  if (!settings) return;
  const key = cacheKey(ctx.workspaceId!, ctx.endpoint.path, ctx.body!, settings);
  ctx.cache = { settings, key, status: "MISS" };
  if (!settings.read) return;
  await deps.cacheWrites.settle(key);
  const hit = await deps.cache.read(key, settings.bucketSize).catch(() => null); // a broken cache is a miss
  if (!hit) return;

  const { response } = hit;
  ctx.cache = { ...ctx.cache, status: "HIT", bucketIndex: hit.bucketIndex, savedNanoUsd: response.costNanoUsd === null ? null : BigInt(response.costNanoUsd), originalLatencyMs: response.latencyMs };
  ctx.status = response.status;
  ctx.modelServed = response.modelServed ?? undefined;
  ctx.usage = {
    promptTokens: response.promptTokens ?? 0,
    completionTokens: response.completionTokens ?? 0,
    cachedInputTokens: response.cachedInputTokens ?? 0,
    cacheWriteTokens: 0,
    reasoningTokens: response.reasoningTokens ?? 0,
    estimated: false,
  };
  ctx.responseText = response.body;
  ctx.responseBytes = Buffer.byteLength(response.body);
  ctx.timeToFirstTokenMs = Math.round(performance.now() - ctx.startedAt);
  ctx.res.writeHead(response.status, {
    "content-type": response.contentType,
    ...(response.streamed ? { "cache-control": "no-cache" } : { "content-length": ctx.responseBytes }),
    ...(response.rateLimitHeaders ?? {}), // the provider's headers as they were when it answered
    ...gatewayHeaders(ctx, response.status),
  });
  ctx.res.end(response.body);
  ctx.done = true;
}

/** Stores a complete 2xx answer to a cache miss, with what the log row knows of it. */
export async function saveToCache(ctx: GatewayContext, deps: GatewayDeps, row: RequestLogRow): Promise<void> {
  const cache = ctx.cache;
  if (!cache || cache.status !== "MISS" || !cache.settings.save) return;
  if (row.status < 200 || row.status >= 300 || ctx.cancelled || ctx.responseText === undefined || ctx.cacheIncomplete) return;
  const response: CachedResponse = {
    status: row.status,
    contentType: ctx.stream ? "text/event-stream; charset=utf-8" : "application/json",
    // A stream is replayed as the SSE text the client got; ctx.responseText holds its assembled form.
    body: ctx.stream ? (ctx.streamCapture ?? []).join("") : ctx.responseText.toString(),
    streamed: ctx.stream,
    provider: row.provider,
    modelServed: row.modelServed,
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    cachedInputTokens: row.cachedInputTokens,
    reasoningTokens: row.reasoningTokens,
    costNanoUsd: row.costNanoUsd === null ? null : row.costNanoUsd.toString(),
    latencyMs: row.latencyMs,
    rateLimitHeaders: ctx.rateLimitHeaders,
  };
  await deps.cache.save(cache.key, ctx.workspaceId!, response, cache.settings).catch(() => {});
}
