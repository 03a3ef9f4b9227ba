// Known list prices, per million tokens, as published by each provider.
import { describe, expect, it } from "vitest";
import { calcPrice } from "@pydantic/genai-prices";
import { costNanoUsd, overrideCost } from "@/lib/pricing/cost";

const AT = new Date("2026-06-01T00:00:00Z");
const cost = (provider: string, model: string, inputTokens: number, outputTokens: number, cachedInputTokens = 0) =>
  costNanoUsd(provider, model, { inputTokens, outputTokens, cachedInputTokens }, AT);

describe("list-price costs", () => {
  it("prices a 12-in/13-out gpt-4o-mini call at exactly $0.0000096", () => {
    expect(cost("openai", "gpt-4o-mini", 12, 13)).toBe(9600n);
  });

  it.each([
    ["openai", "gpt-4o", 1_000_000, 1_000_000, 2.5 + 10],
    ["openai", "gpt-4o-mini", 1_000_000, 1_000_000, 0.15 + 0.6],
    ["anthropic", "claude-sonnet-4-6", 1_000_000, 1_000_000, 3 + 15],
    ["anthropic", "claude-haiku-4-5", 1_000_000, 1_000_000, 1 + 5],
    ["google", "gemini-2.0-flash", 1_000_000, 1_000_000, 0.1 + 0.4],
  ])("%s %s", (provider, model, input, output, dollars) => {
    expect(cost(provider, model, input, output)).toBe(BigInt(Math.round(dollars * 1e9)));
  });

  it("prices cached input at the cached rate", () => {
    // gpt-4o-mini cached input: $0.075 per million.
    expect(cost("openai", "gpt-4o-mini", 1_000_000, 0, 1_000_000)).toBe(75_000_000n);
  });

  it("returns null, not $0, for an unknown model", () => {
    expect(cost("openai", "gpt-nonexistent-9", 10, 10)).toBeNull();
  });
});

describe("workspace price overrides", () => {
  it("uses the override's rates exactly, rounding once at the end", () => {
    const price = { inputNanoPerMTok: 18_750_000n, outputNanoPerMTok: 75_000_000n, cachedInputNanoPerMTok: 4_687_500n, cacheWriteNanoPerMTok: null };
    // 10 plain input at $0.01875/M, 2 cached at $0.0046875/M, 3 output at $0.075/M.
    expect(overrideCost(price, { inputTokens: 12, outputTokens: 3, cachedInputTokens: 2 })).toBe(BigInt(Math.round((10 * 18.75 + 2 * 4.6875 + 3 * 75)))); // 421.875 → 422
    expect(costNanoUsd("vllm", "my-model", { inputTokens: 1_000_000, outputTokens: 0 }, AT, price)).toBe(18_750_000n);
  });
});

describe("cached flat rates", () => {
  const full = (provider: string, model: string, u: { inputTokens: number; outputTokens: number; cachedInputTokens?: number }) => {
    const price = calcPrice({ input_tokens: u.inputTokens, output_tokens: u.outputTokens, cache_read_tokens: u.cachedInputTokens }, model, { providerId: provider, timestamp: AT });
    return price ? BigInt(Math.round(price.total_price * 1e9)) : null;
  };

  it.each([
    ["openai", "gpt-4o-mini"],
    ["anthropic", "claude-haiku-4-5"],
    ["anthropic", "claude-sonnet-4-6"],
    ["google", "gemini-2.0-flash"],
    ["groq", "llama-3.3-70b-versatile"],
    ["anthropic", "claude-sonnet-4-5"],
    ["google", "gemini-2.5-pro"],
  ])("match the full calculation for %s %s, call after call", (provider, model) => {
    const usages = [
      { inputTokens: 12, outputTokens: 13 },
      { inputTokens: 1234, outputTokens: 567, cachedInputTokens: 1000 },
      { inputTokens: 150_000, outputTokens: 2000 },
      { inputTokens: 300_000, outputTokens: 2000 }, // past the 200k tier of tiered models
    ];
    for (let round = 0; round < 2; round++) {
      for (const u of usages) expect(costNanoUsd(provider, model, u, AT)).toBe(full(provider, model, u));
    }
  });
});
