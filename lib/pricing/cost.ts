// Cost of a call in nano-USD (1e-9 dollars), exact: from a workspace's own price when it has
// one, else from the bundled @pydantic/genai-prices data (offline: its updatePrices() must
// never be called). Null means unpriced, never a silent $0.
import { calcPrice } from "@pydantic/genai-prices";

export interface TokenUsage {
  /** All input tokens, including cached reads and cache writes. */
  inputTokens: number;
  /** All output tokens, including reasoning. */
  outputTokens: number;
  cachedInputTokens?: number;
  cacheWriteTokens?: number;
}

/** A workspace's price for one model, in nano-USD per million tokens. */
export interface PriceOverride {
  inputNanoPerMTok: bigint;
  outputNanoPerMTok: bigint;
  cachedInputNanoPerMTok: bigint | null;
  cacheWriteNanoPerMTok: bigint | null;
}

const MILLION = 1_000_000n;

/** Exact integer cost under an override, rounded half-up to the nano-dollar. */
export function overrideCost(price: PriceOverride, usage: TokenUsage): bigint {
  const cached = BigInt(usage.cachedInputTokens ?? 0);
  const written = BigInt(usage.cacheWriteTokens ?? 0);
  const plainInput = BigInt(usage.inputTokens) - cached - written;
  const total =
    plainInput * price.inputNanoPerMTok +
    cached * (price.cachedInputNanoPerMTok ?? price.inputNanoPerMTok) +
    written * (price.cacheWriteNanoPerMTok ?? price.inputNanoPerMTok) +
    BigInt(usage.outputTokens) * price.outputNanoPerMTok;
  return (total + MILLION / 2n) / MILLION;
}

/**
 * Per-model rates, learned from the first calcPrice answer for a model whose price is a flat
 * per-token rate. calcPrice searches the whole dataset (~40 µs); later calls for the same model
 * take the integer path above. Tiered, time-dependent or per-request prices are never cached.
 */
const flatRates = new Map<string, PriceOverride | null>();
/** Models genai-prices has no price for, so the answer to hasListPrice is not searched twice. */
const unpriced = new Set<string>();
const MAX_CACHED = 10_000;
const TOKEN_KEYS = ["input_mtok", "output_mtok", "cache_read_mtok", "cache_write_mtok"];

function flatRate(price: NonNullable<ReturnType<typeof calcPrice>>): PriceOverride | null {
  if (Array.isArray(price.model.prices)) return null;
  // Other units (web searches, audio, 1-hour cache writes) are never in the usage we price;
  // a per-request fee would be, so such models take the full path every time.
  if (price.model_price.requests_kcount !== undefined) return null;
  if (!TOKEN_KEYS.every((k) => price.model_price[k] === undefined || typeof price.model_price[k] === "number")) return null;
  const rate = (key: string) => (typeof price.model_price[key] === "number" ? BigInt(Math.round((price.model_price[key] as number) * 1e9)) : null);
  return { inputNanoPerMTok: rate("input_mtok") ?? 0n, outputNanoPerMTok: rate("output_mtok") ?? 0n, cachedInputNanoPerMTok: rate("cache_read_mtok"), cacheWriteNanoPerMTok: rate("cache_write_mtok") };
}

/**
 * List-price cost. genai-prices returns dollars as a float; list prices have at most a few
 * significant digits per million tokens, so rounding the float to whole nano-dollars is exact.
 */
export function listPriceCost(provider: string, model: string, usage: TokenUsage, at: Date = new Date()): bigint | null {
  const key = `${provider}/${model}`;
  const cached = flatRates.get(key);
  if (cached) return overrideCost(cached, usage);
  const price = calcPrice(
    {
      input_tokens: usage.inputTokens,
      output_tokens: usage.outputTokens,
      cache_read_tokens: usage.cachedInputTokens || undefined,
      cache_write_tokens: usage.cacheWriteTokens || undefined,
    },
    model,
    { providerId: provider, timestamp: at },
  );
  if (price && cached === undefined && flatRates.size < MAX_CACHED) flatRates.set(key, flatRate(price));
  return price ? BigInt(Math.round(price.total_price * 1e9)) : null;
}

/** Whether the bundled prices have the model at this provider; answered from the same cache as prices. */
export function hasListPrice(provider: string, model: string): boolean {
  const key = `${provider}/${model}`;
  if (flatRates.has(key)) return true;
  if (unpriced.has(key)) return false;
  const price = calcPrice({ input_tokens: 0, output_tokens: 0 }, model, { providerId: provider });
  if (price && flatRates.size < MAX_CACHED) flatRates.set(key, flatRate(price));
  else if (!price && unpriced.size < MAX_CACHED) unpriced.add(key);
  return price !== null;
}

export function costNanoUsd(provider: string, model: string, usage: TokenUsage, at: Date = new Date(), override?: PriceOverride): bigint | null {
  return override ? overrideCost(override, usage) : listPriceCost(provider, model, usage, at);
}
