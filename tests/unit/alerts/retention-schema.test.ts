import { describe, expect, it } from "vitest";
import { retentionSchema } from "@/lib/retention/schema";
import { bodyCutoff, rowCutoff } from "@/lib/retention/purge";

describe("retention settings", () => {
  it("reads empty as forever and days as whole numbers", () => {
    expect(retentionSchema.parse({ bodyRetentionDays: "", rowRetentionDays: "" })).toEqual({ bodyRetentionDays: null, rowRetentionDays: null });
    expect(retentionSchema.parse({ bodyRetentionDays: "7", rowRetentionDays: "365" })).toEqual({ bodyRetentionDays: 7, rowRetentionDays: 365 });
  });

  it("refuses odd values with the field's message", () => {
    const messages = (input: Record<string, string>) => retentionSchema.safeParse(input).error?.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    expect(messages({ bodyRetentionDays: "0", rowRetentionDays: "2.5" })).toEqual(["bodyRetentionDays: At least 1 day", "rowRetentionDays: Whole days only"]);
    expect(messages({ bodyRetentionDays: "99999", rowRetentionDays: "ten" })).toEqual(["bodyRetentionDays: At most 3650 days (10 years)", "rowRetentionDays: Enter a number of days for rows"]);
    expect(messages({ bodyRetentionDays: "30", rowRetentionDays: "7" })).toEqual(["bodyRetentionDays: Bodies cannot be kept longer than the rows that hold them"]);
  });

  it("deletes rows a whole UTC day at a time, so the rollups hold every purged hour and Postgres drops whole days", () => {
    const now = new Date("2026-11-26T12:34:56Z");
    expect(rowCutoff(now, 30)).toEqual(new Date("2026-10-27T00:00:00Z"));
    expect(bodyCutoff(now, 7)).toEqual(new Date("2026-11-19T12:34:56Z"));
  });
});
