// What the stages share for the life of the process.
import type { Dispatcher } from "undici";
import type { PendingCacheWrites } from "../cache/pending-writes";
import type { ResponseCacheStore } from "../cache/types";
import type { RateLimitRuleCache } from "../ratelimit/rules";
import type { RateLimitStore } from "../ratelimit/types";
import type { ProviderConfig } from "../providers/config";
import type { PriceOverrideCache } from "../pricing/overrides";
import type { GatewayConfig } from "./config";
import type { KeyCache } from "./key-cache";
import type { LogQueue } from "./log-queue";

export interface GatewayDeps {
  config: GatewayConfig;
  providers: Map<string, ProviderConfig>;
  keys: KeyCache;
  prices: PriceOverrideCache;
  log: LogQueue;
  cache: ResponseCacheStore;
  cacheWrites: PendingCacheWrites;
  rateLimits: RateLimitStore;
  rateLimitRules: RateLimitRuleCache;
  dispatcher: Dispatcher;
}
