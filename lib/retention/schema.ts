// Retention as Settings → Retention takes it: days to keep bodies and rows; empty keeps forever.
import { z } from "zod";

const days = (what: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : Number(v)))
    .pipe(z.number(`Enter a number of days for ${what}`).int("Whole days only").min(1, "At least 1 day").max(3650, "At most 3650 days (10 years)").nullable());

export const retentionSchema = z
  .object({ bodyRetentionDays: days("bodies"), rowRetentionDays: days("rows") })
  .refine((r) => r.bodyRetentionDays === null || r.rowRetentionDays === null || r.bodyRetentionDays <= r.rowRetentionDays, {
    path: ["bodyRetentionDays"],
    message: "Bodies cannot be kept longer than the rows that hold them",
  });
