// A logged call's id is a UUIDv7 holding the call's createdAt to the millisecond: a lookup by id
// alone (the request page, the API) then knows the day the row is in, and on Postgres, whose log
// is partitioned by day, reads that day's key instead of probing every day's. Rows logged
// otherwise (before this, OpenTelemetry spans, calls reported after the fact) are found by id alone.
import { v7, validate, version } from "uuid";

export const newRequestId = (createdAt: Date): string => v7({ msecs: createdAt.getTime() });

/** The time a request id was made for, or null when the id carries none. */
export function createdAtOfId(id: string): Date | null {
  if (!validate(id) || version(id) !== 7) return null;
  return new Date(parseInt(id.slice(0, 8) + id.slice(9, 13), 16));
}
