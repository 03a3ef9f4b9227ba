import { describe, expect, it } from "vitest";
import { percentileOf } from "@/lib/analytics/latency";

describe("percentileOf", () => {
  it("gives the nearest-rank value of a histogram: the value at rank ceil(p·n)", () => {
    // 1,2,2,2,3,10 (n=6): p50 rank 3 → 2; p95 rank 6 → 10; p10 rank 1 → 1.
    const histogram: [number, number][] = [
      [1, 1],
      [2, 3],
      [3, 1],
      [10, 1],
    ];
    expect(percentileOf(histogram, 6, 50)).toBe(2);
    expect(percentileOf(histogram, 6, 95)).toBe(10);
    expect(percentileOf(histogram, 6, 10)).toBe(1);
    expect(percentileOf([[42, 1]], 1, 95)).toBe(42);
  });
});
