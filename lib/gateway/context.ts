// Everything one gateway call learns on its way through the stages, and what gets logged.
import type { ProviderConfig } from "../providers/config";
import type { CacheSettings } from "../cache/types";
import type { Bucket, Decision, LimitUnit, Reservation } from "../ratelimit/types";
import type { RetryPolicy } from "./retry-policy";
import type { ResolvedModel } from "../providers/registry";
import type { Usage } from "../providers/usage";
import type { Endpoint } from "./endpoints";
import type { GatewayRequest, GatewayResponse } from "./http";

export type BodyState = "full" | "truncated" | "omitted";

/** A call reported after the fact (stages/async-log.ts), as far as the stages read it. */
export interface AsyncLogReport {
  providerRequest: { url?: string; json: Record<string, unknown>; meta: Record<string, unknown> };
  providerResponse: { json?: unknown; textBody?: string; status: number; headers?: Record<string, unknown> };
  timing?: { startTime: number; endTime: number; timeToFirstToken?: number | null };
  provider?: string;
}

/** One provider to try: the requested model, or a fallback reached on `onCodes`. */
export interface Target {
  route: ResolvedModel;
  upstreamKey?: string;
  onCodes: number[];
}

/** One call to a provider, for the log's retry and fallback trail. */
export interface Attempt {
  provider: string;
  model: string;
  fallbackIndex: number;
  status: number;
  error?: string;
  latencyMs: number;
}

export interface GatewayContext {
  /** Our id, fresh for every call: the log row's key, and the rate-limit member. */
  id: string;
  /** The caller's Helicone-Request-Id, kept beside our id and returned as Helicone-Id. */
  clientRequestId?: string;
  createdAt: Date;
  /** performance.now() at arrival, for latency. */
  startedAt: number;
  req: GatewayRequest;
  res: GatewayResponse;
  endpoint: Endpoint;

  // auth
  workspaceId?: string;
  apiKeyId?: string;
  /** The caller's own provider key (Helicone-Auth style); used for this call only, never stored. */
  providerKey?: string;
  /** Models the key may call; null allows all. */
  allowedModels?: string[] | null;

  // parse
  rawBody?: Buffer;
  body?: Record<string, unknown>;
  modelRequested?: string;
  stream: boolean;

  // annotate (Helicone headers)
  properties: { key: string; value: string }[];
  userId?: string;
  session?: { id?: string; path?: string; name?: string };
  omitRequestBody: boolean;
  omitResponseBody: boolean;

  // async log (/custom/v1/log and the like): the report, and the latency it gives
  asyncLog?: AsyncLogReport;
  reportedLatencyMs?: number;

  // cache
  cache?: { settings: CacheSettings; key: string; status: "HIT" | "MISS"; bucketIndex?: number; savedNanoUsd?: bigint | null; originalLatencyMs?: number };
  /** What a streamed answer sent, kept only when it is to be cached. */
  streamCapture?: string[];
  /** Set when the capture outgrew its limit: such an answer is not cached. */
  cacheIncomplete?: boolean;

  // rate limits
  rateLimit?: { buckets: Bucket[]; decision: Decision };
  rateLimitReservations?: (Reservation & { unit: LimitUnit })[];

  /** The most this call can use and cost (max-cost.ts), computed once for rate limits and budgets. */
  maxUsage?: { input: number; output: number };
  maxCostNano?: number;

  // budgets
  /** What the call reserved in each budget total it falls in, settled after the call. */
  budgetReservations?: { key: string; amountNano: number }[];

  // route
  /** The providers this workspace calls: env's, overlaid with its stored keys. */
  providers?: Map<string, ProviderConfig>;
  /** The target being called now (the primary, or the fallback that took over). */
  route?: ResolvedModel;
  /** The key sent upstream: the caller's own, or the gateway's for that provider. Never stored. */
  upstreamKey?: string;
  /** The primary target, then its fallbacks, in order. */
  targets?: Target[];
  retryPolicy?: RetryPolicy | null;
  attempts: Attempt[];
  retryCount: number;
  fallbackIndex: number;

  // outcome
  status?: number;
  errorMessage?: string;
  cancelled: boolean;
  timeToFirstTokenMs?: number;
  modelServed?: string;
  usage?: Usage;
  /** A paid call whose cost cannot be worked out (no usage reported): logged with a null cost. */
  unpriced?: boolean;
  rateLimitHeaders?: Record<string, string>;
  /** What the client received, for the log (assembled from the stream when streaming). */
  responseText?: string | Buffer;
  responseBytes?: number;
  /** Streamed output text, for estimating tokens when the provider sent no usage. */
  outputText?: string;
  /** Set once the row is queued, so nothing logs twice. */
  logged: boolean;
  /** Set by a stage that has answered, to stop the pipeline. */
  done: boolean;
}
