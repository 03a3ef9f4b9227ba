import { describe, expect, it } from "vitest";
import { partialBuckets, bucketLabel, bucketLabels, parseTimeView, timeFieldsOf, timeViewParams } from "@/lib/analytics/time-range";

const NOW = Date.parse("2026-11-20T15:30:00Z");

describe("parseTimeView", () => {
  it("reads a named range and picks a granularity that suits it", () => {
    expect(parseTimeView({ range: "24h" }, { now: NOW })).toEqual({ range: "24h", from: new Date("2026-11-19T15:30:00Z"), to: new Date(NOW), granularity: "hour" });
    expect(parseTimeView({ range: "30d" }, { now: NOW }).granularity).toBe("day");
    expect(parseTimeView({}, { now: NOW }).range).toBe("7d");
  });

  it("reads custom whole days as inclusive, and ISO times as given", () => {
    const view = parseTimeView({ range: "custom", from: "2026-11-01", to: "2026-11-10" }, { now: NOW });
    expect(view).toMatchObject({ range: "custom", from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-11T00:00:00Z"), granularity: "day" });
    expect(timeFieldsOf(view)).toEqual({ range: "custom", fromDay: "2026-11-01", toDay: "2026-11-10" });
    const exact = parseTimeView({ range: "custom", from: "2026-11-01T06:00:00Z", to: "2026-11-01T12:00:00Z" }, { now: NOW });
    expect(exact).toMatchObject({ from: new Date("2026-11-01T06:00:00Z"), to: new Date("2026-11-01T12:00:00Z"), granularity: "hour" });
    expect(timeViewParams(exact, { granularity: true })).toEqual({ range: "custom", from: "2026-11-01T06:00:00.000Z", to: "2026-11-01T12:00:00.000Z", granularity: "hour" });
  });

  it("falls back to the default range on a backwards, unreadable or too long custom range", () => {
    for (const bad of [
      { range: "custom", from: "2026-11-10", to: "2026-11-01" },
      { range: "custom", from: "yesterday" },
      { range: "custom", from: "2020-01-01", to: "2026-01-01" },
      { range: "1y" },
    ]) expect(parseTimeView(bad, { now: NOW }).range).toBe("7d");
  });

  it("keeps an asked granularity unless it would draw too many points", () => {
    expect(parseTimeView({ range: "7d", granularity: "week" }, { now: NOW }).granularity).toBe("week");
    expect(parseTimeView({ range: "90d", granularity: "hour" }, { now: NOW }).granularity).toBe("day");
    expect(parseTimeView({ range: "7d", granularity: "minute" }, { now: NOW }).granularity).toBe("day");
  });
});

describe("bucket labels", () => {
  it("match the SQL buckets: hour, day, ISO week (Monday) and month", () => {
    const at = new Date("2026-11-22T23:59:59Z"); // a Sunday
    expect(bucketLabel(at, "hour")).toBe("2026-11-22T23:00");
    expect(bucketLabel(at, "day")).toBe("2026-11-22");
    expect(bucketLabel(at, "week")).toBe("2026-11-16");
    expect(bucketLabel(new Date("2026-11-23T00:00:00Z"), "week")).toBe("2026-11-23");
    expect(bucketLabel(at, "month")).toBe("2026-11");
  });

  it("cover the window from its first to its last bucket without gaps", () => {
    expect(bucketLabels(new Date("2026-11-20T13:30:00Z"), new Date("2026-11-20T16:00:00Z"), "hour")).toEqual(["2026-11-20T13:00", "2026-11-20T14:00", "2026-11-20T15:00"]);
    expect(bucketLabels(new Date("2026-11-29T12:00:00Z"), new Date("2026-12-02T08:00:00Z"), "day")).toEqual(["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"]);
    expect(bucketLabels(new Date("2026-10-31T12:00:00Z"), new Date("2027-01-01T00:00:00Z"), "month")).toEqual(["2026-10", "2026-11", "2026-12"]);
    expect(bucketLabels(new Date("2026-11-04T00:00:00Z"), new Date("2026-11-20T00:00:00Z"), "week")).toEqual(["2026-11-02", "2026-11-09", "2026-11-16"]);
  });
});

describe("partial buckets", () => {
  it("marks the first bucket when the window starts inside it, and the last when it ends inside it", () => {
    const from = new Date("2026-11-24T14:23:00Z");
    const to = new Date("2026-12-01T09:10:00Z");
    expect(partialBuckets(from, to, "day")).toEqual(["2026-11-24", "2026-12-01"]);
    expect(partialBuckets(from, to, "hour")).toEqual(["2026-11-24T14:00", "2026-12-01T09:00"]);
    // November 2026 is covered from the 24th only; December only to the 1st.
    expect(partialBuckets(from, to, "month")).toEqual(["2026-11", "2026-12"]);
  });

  it("marks nothing for a window of whole buckets", () => {
    expect(partialBuckets(new Date("2026-11-01T00:00:00Z"), new Date("2026-11-08T00:00:00Z"), "day")).toEqual([]);
    expect(partialBuckets(new Date("2026-11-01T00:00:00Z"), new Date("2026-12-01T00:00:00Z"), "month")).toEqual([]);
    // ISO weeks start on Monday: 2026-11-02 is one.
    expect(partialBuckets(new Date("2026-11-02T00:00:00Z"), new Date("2026-11-16T00:00:00Z"), "week")).toEqual([]);
    expect(partialBuckets(new Date("2026-11-03T00:00:00Z"), new Date("2026-11-16T00:00:00Z"), "week")).toEqual(["2026-11-02"]);
  });
});
