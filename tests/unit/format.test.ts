import { describe, expect, it } from "vitest";
import { formatDuration, formatUsd } from "@/lib/format";

describe("formatUsd", () => {
  it.each([
    [null, "—"],
    [0n, "$0.00"],
    [9600n, "$0.0000096"],
    [16_950n, "$0.00001695"],
    [100n, "$0.0000001"],
    [123_456_000n, "$0.1235"],
    [1_360_000_000n, "$1.36"],
    [1_234_567_890_000n, "$1,234.57"],
  ])("%s nano-USD → %s", (nano, text) => {
    expect(formatUsd(nano)).toBe(text);
  });
});

describe("formatDuration", () => {
  it("reads at the scale of the span", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(12_400)).toBe("12.40 s");
    expect(formatDuration(185_000)).toBe("3 min 05 s");
    expect(formatDuration(120_636_890)).toBe("33 h 31 min");
    expect(formatDuration(null)).toBe("—");
  });
});
