// Gateway limits and timeouts, from env, read once at start-up.
import { z } from "zod";

const ms = (fallback: number) => z.coerce.number().int().positive().catch(fallback);

const schema = z.object({
  /** Largest request body accepted (413 above). */
  TOLLGATE_MAX_BODY_BYTES: ms(10 * 1024 * 1024),
  /** Request and response bodies are stored up to this size, then marked truncated. */
  TOLLGATE_STORED_BODY_BYTES: ms(256 * 1024),
  /** Longest wait for a non-streaming answer (504 after). */
  TOLLGATE_UPSTREAM_TIMEOUT_MS: ms(600_000),
  /** Longest wait for a stream's first byte (504 after). */
  TOLLGATE_STREAM_FIRST_BYTE_TIMEOUT_MS: ms(60_000),
  /** Longest silence between two chunks of a stream. */
  TOLLGATE_STREAM_IDLE_TIMEOUT_MS: ms(120_000),
  /** How long a workspace's price overrides are cached before a background refresh. */
  TOLLGATE_PRICE_OVERRIDE_TTL_MS: ms(30_000),
  /** How long a workspace's stored rate-limit rules are cached. */
  TOLLGATE_RATE_LIMIT_RULE_TTL_MS: ms(30_000),
  /** How long a workspace's budgets are cached: a new or changed budget applies within this. */
  TOLLGATE_BUDGET_TTL_MS: ms(5_000),
  /** How long a workspace's stored provider keys are cached: a new or rotated key applies within this. */
  TOLLGATE_PROVIDER_KEY_TTL_MS: ms(5_000),
  /** 1 lets workspace members point custom providers at private addresses (internal model servers). */
  TOLLGATE_ALLOW_PRIVATE_PROVIDERS: z.string().optional(),
  /** The request log's in-memory bound; beyond it, and while the database is down, rows wait on disk. */
  TOLLGATE_LOG_MEMORY_BYTES: ms(64 * 1024 * 1024),
  /** Where log rows wait on disk (default: <sqlite file>-log-spill, or ./data/log-spill/<database> for Postgres). */
  TOLLGATE_LOG_SPILL_DIR: z.string().min(1).optional().catch(undefined),
  /** Most disk the waiting rows may take; beyond it rows are dropped and counted. */
  TOLLGATE_LOG_SPILL_MAX_BYTES: ms(10 * 1024 * 1024 * 1024),
  /** refuse: a model its provider does not serve is a 400 with close matches; allow: sent on as it is. */
  TOLLGATE_UNKNOWN_MODELS: z.enum(["refuse", "allow"]).catch("refuse"),
});

export interface GatewayConfig {
  maxBodyBytes: number;
  storedBodyBytes: number;
  upstreamTimeoutMs: number;
  firstByteTimeoutMs: number;
  streamIdleTimeoutMs: number;
  priceOverrideTtlMs: number;
  rateLimitRuleTtlMs: number;
  budgetTtlMs: number;
  providerKeyTtlMs: number;
  allowPrivateProviders: boolean;
  logMemoryBytes: number;
  logSpillDir: string | undefined;
  logSpillMaxBytes: number;
  refuseUnknownModels: boolean;
}

export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const c = schema.parse(env);
  return {
    maxBodyBytes: c.TOLLGATE_MAX_BODY_BYTES,
    storedBodyBytes: c.TOLLGATE_STORED_BODY_BYTES,
    upstreamTimeoutMs: c.TOLLGATE_UPSTREAM_TIMEOUT_MS,
    firstByteTimeoutMs: c.TOLLGATE_STREAM_FIRST_BYTE_TIMEOUT_MS,
    streamIdleTimeoutMs: c.TOLLGATE_STREAM_IDLE_TIMEOUT_MS,
    priceOverrideTtlMs: c.TOLLGATE_PRICE_OVERRIDE_TTL_MS,
    rateLimitRuleTtlMs: c.TOLLGATE_RATE_LIMIT_RULE_TTL_MS,
    budgetTtlMs: c.TOLLGATE_BUDGET_TTL_MS,
    providerKeyTtlMs: c.TOLLGATE_PROVIDER_KEY_TTL_MS,
    allowPrivateProviders: c.TOLLGATE_ALLOW_PRIVATE_PROVIDERS === "1",
    logMemoryBytes: c.TOLLGATE_LOG_MEMORY_BYTES,
    logSpillDir: c.TOLLGATE_LOG_SPILL_DIR,
    logSpillMaxBytes: c.TOLLGATE_LOG_SPILL_MAX_BYTES,
    refuseUnknownModels: c.TOLLGATE_UNKNOWN_MODELS === "refuse",
  };
}
