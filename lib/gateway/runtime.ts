// The one gateway of the process, shared by the custom server and the Next route handlers
// (kept on globalThis because Next bundles route handlers as separate module graphs).
import { createHash } from "node:crypto";
import path from "node:path";
import { Agent } from "undici";
import { guardedAgent } from "../net/public-address";
import { PRIVATE_PROVIDERS_SWITCH } from "../providers/test-connection";
import { findApiKeyByHash, touchApiKeys } from "../db/api-keys";
import { type Db, db } from "../db/client";
import { listPriceOverrides } from "../db/price-overrides";
import { createRequestLogWriter } from "../db/request-log-writer";
import { type DatabaseTarget, resolveDatabase } from "../db/url";
import { PriceOverrideCache } from "../pricing/overrides";
import { EmbeddedCacheStore } from "../cache/embedded-store";
import { PendingCacheWrites } from "../cache/pending-writes";
import { RedisCacheStore } from "../cache/redis-store";
import { metrics } from "../metrics";
import { FailoverBudgetStore, FailoverCacheStore, FailoverRateLimitStore, redisFallback } from "../state/failover";
import { type RedisBreaker, connectRedis, redisTimeouts } from "../state/redis";
import { listEnabledRateLimitRules } from "../db/rate-limit-rules";
import { MemoryRateLimitStore } from "../ratelimit/memory-store";
import { RedisRateLimitStore } from "../ratelimit/redis-store";
import { rateLimitRuleCache } from "../ratelimit/rules";
import { loadProviderConfigs } from "../providers/config";
import { ModelDirectory } from "../providers/known-models";
import { withWorkspaceKeys } from "../providers/workspace-keys";
import { listProviderKeys } from "../db/provider-keys";
import { loadGatewayConfig } from "./config";
import type { GatewayDeps } from "./deps";
import type { Endpoint } from "./endpoints";
import type { GatewayRequest, GatewayResponse } from "./http";
import { KeyCache } from "./key-cache";
import { WorkspaceCache } from "./workspace-cache";
import { blockingBudgets } from "../db/budgets";
import { type BudgetStore, MemoryBudgetStore } from "../budgets/store";
import { type SharedStores, readWithMemory } from "../cluster/shared-state";
import { RedisBudgetStore } from "../budgets/redis-store";
import { spendNanoByGroup } from "../analytics/alert-metrics";
import { DEFAULT_LOG_QUEUE_OPTIONS, LogQueue } from "./log-queue";
import type { GatewayConfig } from "./config";
import { InFlight } from "./in-flight";
import { handleGateway } from "./pipeline";

export interface Gateway {
  deps: GatewayDeps;
  handle: (req: GatewayRequest, res: GatewayResponse, endpoint: Endpoint) => Promise<void>;
  /** Calls under way, each until its log row is queued. */
  inFlight: InFlight;
  /** The shared state's breaker when REDIS_URL is set, for health and metrics. */
  redis?: RedisBreaker;
  /**
   * Waits for the calls under way (up to `graceMs`), then flushes the log and last-used times.
   * The gateway keeps answering: rows of later calls go straight to disk for the next start.
   * For servers that cannot stop accepting (plain `next start`) and exit right after.
   */
  flush: (graceMs?: number) => Promise<void>;
  /** Shutdown once nothing more can arrive: flush(), then close upstream connections and stores. */
  close: (graceMs?: number) => Promise<void>;
}

export interface GatewayOptions {
  env?: Record<string, string | undefined>;
  /** The database to read keys and prices from; the process's own by default. */
  db?: Db;
  /** Where the log is written; DATABASE_URL by default. */
  target?: DatabaseTarget;
  /** Tests move time to cross budget periods; the real clock otherwise. */
  clock?: () => Date;
  /** In worker mode: the stores the primary keeps for all workers (lib/cluster/shared-state.ts). */
  shared?: SharedStores & { forgetBudgets: () => Promise<void> };
}

/** Keep-alive pools per upstream origin; generous so streams don't queue behind each other. */
const UPSTREAM_POOL = { connections: 256, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 };

/**
 * Where log rows wait while the database is away: beside the SQLite file, or under ./data in a
 * folder of the Postgres database's own, so rows are only ever replayed into their database.
 */
function spillDir(config: GatewayConfig, target: DatabaseTarget): string {
  if (config.logSpillDir) return config.logSpillDir;
  if (target.kind === "sqlite") return `${path.resolve(target.file)}-log-spill`;
  const url = new URL(target.url);
  const database = createHash("sha256").update(`${url.hostname}:${url.port}${url.pathname}`).digest("hex").slice(0, 12);
  return path.resolve("data", "log-spill", `${url.pathname.slice(1).replace(/[^\w.-]/g, "_")}-${database}`);
}

/**
 * Where a Redis outage sends budget totals: a fresh in-process store, or in worker mode the
 * primary's, told to forget the totals of an earlier outage (not at start: another worker may be
 * counting in it already).
 */
function budgetFallback(shared: GatewayOptions["shared"]): () => BudgetStore {
  if (!shared) return () => new MemoryBudgetStore();
  let first = true;
  return () => {
    if (!first) void shared.forgetBudgets().catch(() => {});
    first = false;
    return shared.budgets;
  };
}

export function createGateway({ env = process.env, db: database, target, clock = () => new Date(), shared }: GatewayOptions = {}): Gateway {
  const store = () => database ?? db();
  const logTarget = target ?? resolveDatabase(env.DATABASE_URL);
  const writer = shared?.writer ?? createRequestLogWriter(logTarget);
  // In worker mode, what one worker read is there for the others while the database is away.
  const remembered = <T>(kind: string, read: (key: string) => Promise<T>) => readWithMemory(kind, read, shared?.reads);
  const readProviderKeys = remembered("providerKeys", (workspaceId) => listProviderKeys(workspaceId, store()));
  const config = loadGatewayConfig(env);
  // With REDIS_URL, state shared by replicas lives in Redis; otherwise in this process and the database.
  const redis = env.REDIS_URL ? connectRedis(env.REDIS_URL, env.TOLLGATE_REDIS_PREFIX || undefined, redisTimeouts(env)) : undefined;
  const fallback = redisFallback(env);
  const providers = loadProviderConfigs(env);
  const dispatcher = new Agent(UPSTREAM_POOL);
  const publicDispatcher = config.allowPrivateProviders ? new Agent(UPSTREAM_POOL) : guardedAgent(PRIVATE_PROVIDERS_SWITCH, UPSTREAM_POOL);
  const deps: GatewayDeps = {
    clock,
    config,
    providers,
    workspaceProviders: new WorkspaceCache(
      async (workspaceId) => withWorkspaceKeys(providers, await readProviderKeys(workspaceId), env.TOLLGATE_SECRET, (provider) => console.error(`provider keys: a stored ${provider} key cannot be decrypted with this TOLLGATE_SECRET; using the env key`)),
      config.providerKeyTtlMs,
    ),
    keys: new KeyCache(remembered("apiKey", (hash) => findApiKeyByHash(hash, store())), (ids, at) => touchApiKeys(ids, at, store())),
    prices: new PriceOverrideCache(remembered("prices", (workspaceId) => listPriceOverrides(workspaceId, store())), config.priceOverrideTtlMs),
    models: config.refuseUnknownModels ? new ModelDirectory({ dispatcherFor: (provider) => (provider.memberSupplied ? publicDispatcher : dispatcher) }) : null,
    log: new LogQueue(
      writer,
      { ...DEFAULT_LOG_QUEUE_OPTIONS, memoryBytes: config.logMemoryBytes, spill: { dir: spillDir(config, logTarget), maxBytes: config.logSpillMaxBytes } },
      (message) => console.error(message),
    ),
    cache: redis ? new FailoverCacheStore(new RedisCacheStore(redis.redis, redis.prefix), redis.breaker) : (shared?.cache ?? new EmbeddedCacheStore(store)),
    cacheWrites: new PendingCacheWrites(),
    rateLimits: redis
      ? new FailoverRateLimitStore(new RedisRateLimitStore(redis.redis, redis.prefix), shared?.rateLimits ?? new MemoryRateLimitStore(), redis.breaker, fallback)
      : (shared?.rateLimits ?? new MemoryRateLimitStore()),
    rateLimitRules: rateLimitRuleCache(remembered("rateLimitRules", (workspaceId) => listEnabledRateLimitRules(workspaceId, store())), config.rateLimitRuleTtlMs),
    budgets: new WorkspaceCache(remembered("budgets", (workspaceId) => blockingBudgets(workspaceId, store())), config.budgetTtlMs),
    budgetTotals: redis ? new FailoverBudgetStore(new RedisBudgetStore(redis.redis, redis.prefix), budgetFallback(shared), redis.breaker, fallback) : (shared?.budgets ?? new MemoryBudgetStore()),
    budgetSpend: async (workspaceId, window, filter) => (await spendNanoByGroup(workspaceId, window, filter, null, store())).get("") ?? 0n,
    dispatcher,
    publicDispatcher,
  };
  metrics().logStats.read = () => deps.log.snapshot();
  if (redis) metrics().redisState.read = () => ({ up: redis.breaker.up, fallbacks: redis.breaker.fallbacks });
  const inFlight = new InFlight();
  const flush = async (graceMs = 0) => {
    await inFlight.idle(graceMs);
    await Promise.all([deps.log.close(), deps.keys.close()]);
  };
  return {
    deps,
    inFlight,
    redis: redis?.breaker,
    handle: (req, res, endpoint) => inFlight.track(handleGateway(req, res, endpoint, deps)),
    flush,
    close: async (graceMs = 0) => {
      await flush(graceMs);
      await Promise.all([deps.dispatcher.close(), deps.publicDispatcher.close(), writer.close(), deps.cache.close(), deps.rateLimits.close(), deps.budgetTotals.close()]);
      redis?.redis.disconnect();
    },
  };
}

const holder = globalThis as unknown as { tollgateGateway?: Gateway };

/** The gateway if this process has started one (health checks must not start it). */
export const runningGateway = (): Gateway | undefined => holder.tollgateGateway;

/** The process's gateway, created on first use (with `options`, if the first caller gives them). */
export function gateway(options?: GatewayOptions): Gateway {
  holder.tollgateGateway ??= createGateway(options);
  return holder.tollgateGateway;
}
