// Values that go into an index must fit it: a Postgres B-tree entry holds at most 2,704 bytes,
// and one longer value made every later log write fail behind it. Each indexed text of a log
// row is clipped to a documented size in UTF-8 bytes (docs/headers.md), on both databases so
// they store the same thing. A clipped value ends in "…" and the full value is kept in the
// row's clippedValues, so nothing is silently changed.
import type { RequestLogRow } from "./request-log";

export const INDEXED_BYTE_LIMITS = {
  clientRequestId: 128,
  provider: 128,
  modelRequested: 512,
  modelServed: 512,
  userId: 1024,
  sessionId: 1024,
  sessionPath: 1024,
  sessionName: 1024,
  propertyKey: 128,
  propertyValue: 1024,
} as const;

const ELLIPSIS = "…"; // 3 bytes in UTF-8
/** How much of a clipped value clippedValues keeps: more than any header can carry. */
const FULL_VALUE_CHARS = 16_384;

/** The text cut to at most `limit` UTF-8 bytes on a character boundary, ending in "…"; or null when it fits. */
export function clipToBytes(value: string, limit: number): string | null {
  if (value.length * 3 <= limit || Buffer.byteLength(value, "utf8") <= limit) return null;
  let bytes = 0;
  let end = 0;
  for (const char of value) {
    const size = Buffer.byteLength(char, "utf8");
    if (bytes + size > limit - Buffer.byteLength(ELLIPSIS)) break;
    bytes += size;
    end += char.length;
  }
  return value.slice(0, end) + ELLIPSIS;
}

type ClippedField = Exclude<keyof typeof INDEXED_BYTE_LIMITS, "propertyKey" | "propertyValue">;
const FIELDS = Object.keys(INDEXED_BYTE_LIMITS).filter((f) => !f.startsWith("property")) as ClippedField[];

/** The row with every indexed text within its limit; the full values in clippedValues. */
export function clipIndexedValues(row: RequestLogRow): RequestLogRow {
  const full: Record<string, string> = {};
  let clipped: RequestLogRow | undefined;
  for (const field of FIELDS) {
    const value = row[field];
    if (typeof value !== "string") continue;
    const short = clipToBytes(value, INDEXED_BYTE_LIMITS[field]);
    if (short === null) continue;
    clipped ??= { ...row };
    clipped[field] = short;
    full[field] = value.slice(0, FULL_VALUE_CHARS);
  }
  const properties = row.properties.map((p) => {
    const key = clipToBytes(p.key, INDEXED_BYTE_LIMITS.propertyKey);
    const value = clipToBytes(p.value, INDEXED_BYTE_LIMITS.propertyValue);
    if (key === null && value === null) return p;
    full[`property.${p.key}`] = p.value.slice(0, FULL_VALUE_CHARS);
    return { key: key ?? p.key, value: value ?? p.value };
  });
  if (!clipped && properties.every((p, i) => p === row.properties[i])) return row;
  return { ...(clipped ?? row), properties, clippedValues: JSON.stringify(full) };
}
