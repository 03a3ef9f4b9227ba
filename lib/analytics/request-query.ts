// The request log's query: filters, sort and cursor, as the query string spells them and as
// listRequests (requests.ts) and the index-driven sorted listing (requests-sorted.ts) read them.
import { z } from "zod";

const MAX_LIMIT = 1000;

const statusFilter = z.union([z.enum(["success", "error"]), z.coerce.number().int().min(100).max(599)]);

const PROPERTY_OPS = { property: "eq", propertyNot: "ne", propertyContains: "contains" } as const;
export type PropertyOp = (typeof PROPERTY_OPS)[keyof typeof PROPERTY_OPS];

const propertyCondition = z.object({ key: z.string().min(1).max(64), op: z.enum(["eq", "ne", "contains"]), value: z.string().max(1000) });
export type PropertyCondition = z.infer<typeof propertyCondition>;

export const requestQuerySchema = z.object({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  model: z.string().min(1).max(200).optional(),
  provider: z.string().min(1).max(100).optional(),
  status: statusFilter.optional(),
  userId: z.string().min(1).max(500).optional(),
  sessionId: z.string().min(1).max(500).optional(),
  /** Requests in a session: "any" for every session, else sessions whose id or name contains it. */
  session: z.string().min(1).max(500).optional(),
  /** One Tollgate key's calls (alert and budget links scoped to a key). */
  apiKeyId: z.string().min(1).max(100).optional(),
  properties: z.array(propertyCondition).max(20).default([]),
  cache: z.enum(["hit", "miss"]).optional(),
  /** Free text searched in the stored prompt and response. */
  q: z.string().min(1).max(200).optional(),
  minCostUsd: z.coerce.number().min(0).optional(),
  maxCostUsd: z.coerce.number().min(0).optional(),
  minLatencyMs: z.coerce.number().int().min(0).optional(),
  maxLatencyMs: z.coerce.number().int().min(0).optional(),
  /** Server-side sort; pages continue with a cursor in the same order. */
  sort: z.enum(["time", "cost", "latency", "ttft"]).default("time"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  /** Where unpriced cost and missing TTFT sort: last (the default) or first (a list read backwards). */
  nulls: z.enum(["first", "last"]).default("last"),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(100),
  cursor: z.string().max(200).optional(),
});

export type RequestQuery = z.infer<typeof requestQuerySchema>;

/**
 * Reads the query string: `property.Workflow=research-agent` (equals), `propertyNot.<key>=…`,
 * `propertyContains.<key>=…`, and the other filters by name.
 */
export function parseRequestQuery(params: URLSearchParams) {
  const properties: PropertyCondition[] = [];
  const raw: Record<string, unknown> = { properties };
  for (const [name, value] of params) {
    const dot = name.indexOf(".");
    const op = dot > 0 ? PROPERTY_OPS[name.slice(0, dot) as keyof typeof PROPERTY_OPS] : undefined;
    if (op) properties.push({ key: name.slice(dot + 1).toLowerCase(), op, value });
    else raw[name] = value;
  }
  return requestQuerySchema.safeParse(raw);
}

/** The query string for a query, the inverse of parseRequestQuery (links, exports, paging). */
export function toSearchParams(q: Partial<RequestQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(q)) {
    if (value === undefined || value === null || name === "properties" || name === "limit") continue;
    if ((name === "sort" && value === "time") || (name === "dir" && value === "desc") || (name === "nulls" && value === "last")) continue;
    params.set(name, value instanceof Date ? value.toISOString() : String(value));
  }
  const prefix = Object.fromEntries(Object.entries(PROPERTY_OPS).map(([p, op]) => [op, p]));
  for (const c of q.properties ?? []) params.append(`${prefix[c.op]}.${c.key}`, c.value);
  return params;
}

// Sortable columns. Nullable ones (unpriced cost, TTFT of unstreamed calls) sort nulls last.
export const SORT_COLUMNS = {
  time: { column: "createdAt", nullable: false },
  cost: { column: "costNanoUsd", nullable: true },
  latency: { column: "latencyMs", nullable: false },
  ttft: { column: "timeToFirstTokenMs", nullable: true },
} as const;
export type SortKey = keyof typeof SORT_COLUMNS;
export type SortValue = Date | bigint | number | null;

// The cursor is the last row's (sort value, id): stable while new rows arrive.
export function encodeCursor(sort: SortKey, value: SortValue, id: string): string {
  const v = value === null ? null : value instanceof Date ? value.toISOString() : String(value);
  return Buffer.from(JSON.stringify([sort, v, id])).toString("base64url");
}

export function decodeCursor(cursor: string, sort: SortKey): { value: SortValue; id: string } | null {
  try {
    const [key, v, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown, unknown];
    if (key !== sort || typeof id !== "string" || (v !== null && typeof v !== "string")) return null;
    if (v === null) return SORT_COLUMNS[sort].nullable ? { value: null, id } : null;
    const value = sort === "time" ? new Date(v) : sort === "cost" ? BigInt(v) : Number(v);
    return (value instanceof Date && Number.isNaN(value.getTime())) || (typeof value === "number" && !Number.isFinite(value)) ? null : { value, id };
  } catch {
    return null;
  }
}

/** Whether a cursor fits the query's sort (a cursor from another sort order is refused). */
export const isValidCursor = (q: RequestQuery) => !q.cursor || decodeCursor(q.cursor, q.sort) !== null;

/** A dollar filter (minCostUsd) in the log's nano-dollars. */
export const usdToNano = (usd: number) => Math.round(usd * 1e9);
