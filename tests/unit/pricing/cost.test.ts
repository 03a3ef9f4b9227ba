import { describe, expect, it } from "vitest";
import { costNanoUsd } from "@/lib/pricing/cost";

describe("costNanoUsd", () => {
  it("prices gpt-4o-mini from the bundled table in nano-USD", () => {
    // $0.15 / 1M input and $0.60 / 1M output: 1000 in + 500 out = $0.00015 + $0.0003.
    expect(costNanoUsd("openai", "gpt-4o-mini", { inputTokens: 1000, outputTokens: 500 }, new Date("2026-01-01"))).toBe(450_000n);
  });

  it("keeps sub-micro-dollar precision", () => {
    expect(costNanoUsd("openai", "gpt-4o-mini", { inputTokens: 1, outputTokens: 0 }, new Date("2026-01-01"))).toBe(150n);
  });

  it("returns null for a model nobody prices", () => {
    expect(costNanoUsd("openai", "my-finetune-xyz", { inputTokens: 10, outputTokens: 10 })).toBeNull();
  });
});
