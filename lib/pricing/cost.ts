// Cost of a call in nano-USD, from the bundled @pydantic/genai-prices data (no network:
// its updatePrices() must never be called).
import { calcPrice } from "@pydantic/genai-prices";

export interface TokenUsage {
  /** All input tokens, including cached ones. */
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  cacheWriteTokens?: number;
}

const NANO_PER_USD = 1e9;

/** The call's cost in nano-USD, or null when the model has no known price. */
export function costNanoUsd(provider: string, model: string, usage: TokenUsage, at: Date = new Date()): bigint | null {
  const price = calcPrice(
    {
      input_tokens: usage.inputTokens,
      output_tokens: usage.outputTokens,
      cache_read_tokens: usage.cachedInputTokens,
      cache_write_tokens: usage.cacheWriteTokens,
    },
    model,
    { providerId: provider, timestamp: at },
  );
  return price ? BigInt(Math.round(price.total_price * NANO_PER_USD)) : null;
}
