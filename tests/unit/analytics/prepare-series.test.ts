import { describe, expect, it } from "vitest";
import { pivot, stackSeries } from "@/lib/analytics/prepare-series";

describe("stackSeries", () => {
  it("keeps the top groups as series, folds the rest into other, and fills gaps with 0", () => {
    const groups = ["a", "b", "c"].map((group, i) => ({ group, spendNano: BigInt(3 - i), requests: 1 }));
    const points = [
      { bucket: "2026-11-02", group: "a", spendNano: 1_000_000_000n },
      { bucket: "2026-11-01", group: "c", spendNano: 500_000_000n },
      { bucket: "2026-11-02", group: "c", spendNano: 250_000_000n },
      { bucket: "2026-11-01", group: "b", spendNano: 2_000_000_000n },
    ];
    expect(stackSeries(points, groups, 2)).toEqual({
      keys: ["a", "b", "other"],
      rows: [
        { bucket: "2026-11-01", a: 0, b: 2, other: 0.5 },
        { bucket: "2026-11-02", a: 1, b: 0, other: 0.25 },
      ],
    });
  });
});

describe("filling empty buckets", () => {
  it("gives every bucket of the window a row: zeros for spend and counts, gaps for gauges", () => {
    const buckets = ["2026-11-01", "2026-11-02", "2026-11-03"];
    expect(stackSeries([{ bucket: "2026-11-02", group: "a", spendNano: 1_000_000_000n }], [{ group: "a", spendNano: 1n, requests: 1 }], 6, buckets).rows).toEqual([
      { bucket: "2026-11-01", a: 0 },
      { bucket: "2026-11-02", a: 1 },
      { bucket: "2026-11-03", a: 0 },
    ]);
    const points = [{ b: "2026-11-03", s: "openai", v: 7 }];
    expect(pivot(points, (p) => p.b, (p) => p.s, (p) => p.v, { buckets, missing: 0 }).rows.map((r) => r.openai)).toEqual([0, 0, 7]);
    expect(pivot(points, (p) => p.b, (p) => p.s, (p) => p.v, { buckets }).rows.map((r) => r.openai)).toEqual([null, null, 7]);
  });
});
