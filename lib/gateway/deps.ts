// What the stages share for the life of the process.
import type { Dispatcher } from "undici";
import type { AlertFilter } from "../alerts/rules";
import type { Window } from "../analytics/time-range";
import type { Budget } from "../budgets/budgets";
import type { BudgetStore } from "../budgets/store";
import type { PendingCacheWrites } from "../cache/pending-writes";
import type { ResponseCacheStore } from "../cache/types";
import type { RateLimitRuleCache } from "../ratelimit/rules";
import type { RateLimitStore } from "../ratelimit/types";
import type { ProviderConfig } from "../providers/config";
import type { PriceOverrideCache } from "../pricing/overrides";
import type { ModelDirectory } from "../providers/known-models";
import type { GatewayConfig } from "./config";
import type { KeyCache } from "./key-cache";
import type { LogQueue } from "./log-queue";
import type { WorkspaceCache } from "./workspace-cache";

export interface GatewayDeps {
  /** The time a request arrives at: its log time, and which budget day or month it counts in. */
  clock: () => Date;
  config: GatewayConfig;
  /** Providers as configured by env. */
  providers: Map<string, ProviderConfig>;
  /** A workspace's providers: env's with its stored keys and custom providers laid over them. */
  workspaceProviders: WorkspaceCache<Map<string, ProviderConfig>>;
  keys: KeyCache;
  prices: PriceOverrideCache;
  /** Which models each provider serves; null when unknown models are sent on (TOLLGATE_UNKNOWN_MODELS=allow). */
  models: ModelDirectory | null;
  log: LogQueue;
  cache: ResponseCacheStore;
  cacheWrites: PendingCacheWrites;
  rateLimits: RateLimitStore;
  rateLimitRules: RateLimitRuleCache;
  /** A workspace's blocking budgets and the time zone their days and months are counted in. */
  budgets: WorkspaceCache<{ timeZone: string; budgets: Budget[] }>;
  budgetTotals: BudgetStore;
  /** Spend already logged in a window, for seeding a budget total the store does not know. */
  budgetSpend: (workspaceId: string, window: Window, filter: AlertFilter | null) => Promise<bigint>;
  dispatcher: Dispatcher;
  /** For providers whose base URL a workspace member typed in: connects to public addresses only. */
  publicDispatcher: Dispatcher;
}
