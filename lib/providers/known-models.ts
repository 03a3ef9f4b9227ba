// Whether a provider serves a model name, so that a typo ("gpt-4o-mimi") is a 400 naming the
// close matches instead of a call the provider refuses. A name is known when the bundled prices
// list it for that provider, when the workspace has its own price for it, or when the provider's
// own model list (GET /models with the call's key) holds it: that list has models newer than the
// bundled data and the key's fine-tunes. When the list cannot be read the name is let through:
// a check that cannot be sure never blocks traffic.
import { findProvider } from "@pydantic/genai-prices";
import { hasListPrice } from "../pricing/cost";
import { createHash } from "node:crypto";
import type { Dispatcher } from "undici";
import { isKnownProvider } from "./catalog";
import { nearestNames } from "./close-matches";
import type { ProviderConfig } from "./config";
import { fetchModelList } from "./model-list";

/** Providers that serve models no list holds: deployments by name, local servers, and aggregators of thousands. */
const ANY_MODEL = new Set(["azure", "ollama", "vllm", "openrouter", "together", "fireworks"]);

/** Custom providers (TOLLGATE_PROVIDERS, a workspace's own) are servers Tollgate knows nothing about. */
export const acceptsAnyModel = (provider: ProviderConfig) => ANY_MODEL.has(provider.id) || !isKnownProvider(provider.id);

/** Lists are kept per key (callers may bring their own): a bound on how many. */
const MAX_LISTS = 1_000;
const LIST_TIMEOUT_MS = 2_000;

interface CachedList {
  /** The ids, or null when the list could not be read (then every name passes). */
  ids: Set<string> | null;
  expires: number;
}

export interface ModelDirectoryOptions {
  dispatcherFor: (provider: ProviderConfig) => Dispatcher;
  /** How long a provider's list is kept. */
  listTtlMs?: number;
  /** How long to wait before asking again after a list could not be read. */
  failureTtlMs?: number;
}

export class ModelDirectory {
  private readonly lists = new Map<string, CachedList>();
  private readonly pending = new Map<string, Promise<Set<string> | null>>();

  constructor(private readonly options: ModelDirectoryOptions) {}

  /**
   * True when the provider serves the model for sure without asking anything: it takes any name,
   * or the bundled prices list it. Synchronous, for the common case on every call.
   */
  servesForSure(provider: ProviderConfig, model: string): boolean {
    return acceptsAnyModel(provider) || hasListPrice(provider.pricingId, model);
  }

  private async listed(provider: ProviderConfig, key: string | undefined): Promise<Set<string> | null> {
    const cacheKey = `${provider.id}|${provider.baseUrl}|${key ? createHash("sha256").update(key).digest("hex").slice(0, 16) : ""}`;
    const cached = this.lists.get(cacheKey);
    if (cached && cached.expires > Date.now()) return cached.ids;
    let fetching = this.pending.get(cacheKey);
    if (!fetching) {
      fetching = fetchModelList(provider, key, this.options.dispatcherFor(provider), LIST_TIMEOUT_MS).then((list) => {
        const ids = list.ok && list.ids ? new Set(list.ids) : null;
        if (this.lists.size >= MAX_LISTS) this.lists.clear();
        this.lists.set(cacheKey, { ids, expires: Date.now() + (ids ? (this.options.listTtlMs ?? 600_000) : (this.options.failureTtlMs ?? 60_000)) });
        this.pending.delete(cacheKey);
        return ids;
      });
      this.pending.set(cacheKey, fetching);
    }
    return fetching;
  }

  /**
   * Undefined when the provider serves `model` (or it cannot be told); else the names it does
   * serve that are nearest to it, for the error.
   */
  async unknown(provider: ProviderConfig, model: string, key: string | undefined, hasOwnPrice: () => Promise<boolean>): Promise<string[] | undefined> {
    if (this.servesForSure(provider, model) || (await hasOwnPrice())) return undefined;
    const ids = await this.listed(provider, key);
    if (!ids || ids.has(model)) return undefined;
    const bundled = findProvider({ providerId: provider.pricingId })?.models.map((m) => m.id) ?? [];
    return nearestNames(model, new Set([...ids, ...bundled]));
  }
}
