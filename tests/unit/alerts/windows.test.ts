import { describe, expect, it } from "vitest";
import { windowAt } from "@/lib/alerts/evaluate";
import { calendarPeriod, isTimeZone } from "@/lib/calendar";

describe("calendar periods in a workspace's time zone", () => {
  it("gives the local day, as UTC instants", () => {
    expect(calendarPeriod("day", new Date("2026-11-26T23:30:00Z"), "Europe/Paris")).toEqual({ start: new Date("2026-11-26T23:00:00Z"), end: new Date("2026-11-27T23:00:00Z") });
    expect(calendarPeriod("day", new Date("2026-11-26T22:59:59Z"), "Europe/Paris")).toEqual({ start: new Date("2026-11-25T23:00:00Z"), end: new Date("2026-11-26T23:00:00Z") });
  });

  it("has 23- and 25-hour days where the clocks change", () => {
    const spring = calendarPeriod("day", new Date("2026-03-29T12:00:00Z"), "Europe/Paris");
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3600_000);
    const autumn = calendarPeriod("day", new Date("2026-11-01T12:00:00Z"), "America/New_York");
    expect(autumn).toEqual({ start: new Date("2026-11-01T04:00:00Z"), end: new Date("2026-11-02T05:00:00Z") });
  });

  it("gives the local month, across a year end", () => {
    expect(calendarPeriod("month", new Date("2026-12-31T23:30:00Z"), "Asia/Tokyo")).toEqual({ start: new Date("2026-12-31T15:00:00Z"), end: new Date("2027-01-31T15:00:00Z") });
    expect(calendarPeriod("month", new Date("2026-02-14T00:00:00Z"), "UTC")).toEqual({ start: new Date("2026-02-01T00:00:00Z"), end: new Date("2026-03-01T00:00:00Z") });
  });

  it("knows real zones from made-up ones", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});

describe("alert windows", () => {
  const now = new Date("2026-11-26T10:07:00Z");
  it("reads a rolling window back from now", () => {
    expect(windowAt({ kind: "rolling", minutes: 5 }, now, "UTC")).toEqual({ from: new Date("2026-11-26T10:02:00Z"), to: now });
  });
  it("reads 'today' and 'this month' from local midnight to now", () => {
    expect(windowAt({ kind: "calendar_day" }, now, "America/Los_Angeles")).toEqual({ from: new Date("2026-11-26T08:00:00Z"), to: now });
    expect(windowAt({ kind: "calendar_month" }, now, "UTC")).toEqual({ from: new Date("2026-11-01T00:00:00Z"), to: now });
  });
});
