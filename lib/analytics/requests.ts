// The request log as the query API and the Requests page read it. Scoped to one workspace.
import { z } from "zod";
import { type Db, db as defaultDb } from "../db/client";

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
    if ((name === "sort" && value === "time") || (name === "dir" && value === "desc")) continue;
    params.set(name, value instanceof Date ? value.toISOString() : String(value));
  }
  const prefix = Object.fromEntries(Object.entries(PROPERTY_OPS).map(([p, op]) => [op, p]));
  for (const c of q.properties ?? []) params.append(`${prefix[c.op]}.${c.key}`, c.value);
  return params;
}

const NANO = 1e9;

// The property's copied workspaceId and createdAt let the database answer "Workflow =
// research-agent in the last 30 days" from the (workspaceId, key, value, createdAt) index.
function propertyWhere(workspaceId: string, q: RequestQuery, c: PropertyCondition) {
  const scope = { workspaceId, key: c.key, createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } };
  if (c.op === "eq") return { properties: { some: { ...scope, value: c.value } } };
  if (c.op === "contains") return { properties: { some: { ...scope, value: { contains: c.value } } } };
  return { NOT: { properties: { some: { ...scope, value: c.value } } } };
}

// Sortable columns. Nullable ones (unpriced cost, TTFT of unstreamed calls) sort nulls last.
const SORT_COLUMNS = {
  time: { column: "createdAt", nullable: false },
  cost: { column: "costNanoUsd", nullable: true },
  latency: { column: "latencyMs", nullable: false },
  ttft: { column: "timeToFirstTokenMs", nullable: true },
} as const;
type SortKey = keyof typeof SORT_COLUMNS;
type SortValue = Date | bigint | number | null;

// The cursor is the last row's (sort value, id): stable while new rows arrive.
function encodeCursor(sort: SortKey, value: SortValue, id: string): string {
  const v = value === null ? null : value instanceof Date ? value.toISOString() : String(value);
  return Buffer.from(JSON.stringify([sort, v, id])).toString("base64url");
}

function decodeCursor(cursor: string, sort: SortKey): { value: SortValue; id: string } | null {
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

/** Rows after the cursor in (sort column, id) order, nulls last. */
function afterCursor(q: RequestQuery, cursor: { value: SortValue; id: string }) {
  const { column, nullable } = SORT_COLUMNS[q.sort];
  const past = q.dir === "desc" ? "lt" : "gt";
  if (cursor.value === null) return { [column]: null, id: { [past]: cursor.id } };
  return { OR: [{ [column]: { [past]: cursor.value } }, { [column]: cursor.value, id: { [past]: cursor.id } }, ...(nullable ? [{ [column]: null }] : [])] };
}

/** Whether a cursor fits the query's sort (a cursor from another sort order is refused). */
export const isValidCursor = (q: RequestQuery) => !q.cursor || decodeCursor(q.cursor, q.sort) !== null;

/** Conditions on a request's own columns and bodies, and on properties other than `skip`. */
function rowFilters(workspaceId: string, q: RequestQuery, skip?: PropertyCondition) {
  return {
    ...(q.model ? { OR: [{ modelRequested: q.model }, { modelServed: q.model }] } : {}),
    ...(q.provider ? { provider: q.provider } : {}),
    ...(q.status === "success" ? { status: { lt: 400 } } : q.status === "error" ? { status: { gte: 400 } } : q.status ? { status: q.status } : {}),
    ...(q.userId ? { userId: q.userId } : {}),
    ...(q.sessionId ? { sessionId: q.sessionId } : {}),
    ...(q.cache ? { cacheStatus: q.cache === "hit" ? "HIT" : "MISS" } : {}),
    costNanoUsd: {
      ...(q.minCostUsd !== undefined ? { gte: BigInt(Math.round(q.minCostUsd * NANO)) } : {}),
      ...(q.maxCostUsd !== undefined ? { lte: BigInt(Math.round(q.maxCostUsd * NANO)) } : {}),
    },
    latencyMs: { ...(q.minLatencyMs !== undefined ? { gte: q.minLatencyMs } : {}), ...(q.maxLatencyMs !== undefined ? { lte: q.maxLatencyMs } : {}) },
    AND: [
      ...q.properties.filter((c) => c !== skip).map((c) => propertyWhere(workspaceId, q, c)),
      ...(q.q ? [{ OR: [{ requestBody: { contains: q.q } }, { responseBody: { contains: q.q } }] }] : []),
    ],
  };
}

function where(workspaceId: string, q: RequestQuery) {
  const cursor = q.cursor ? decodeCursor(q.cursor, q.sort) : null;
  const filters = rowFilters(workspaceId, q);
  return {
    ...filters,
    workspaceId,
    createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) },
    AND: [...filters.AND, ...(cursor ? [afterCursor(q, cursor)] : [])],
  };
}

const LIST_FIELDS = {
  id: true,
  createdAt: true,
  provider: true,
  modelRequested: true,
  modelServed: true,
  path: true,
  status: true,
  errorMessage: true,
  latencyMs: true,
  timeToFirstTokenMs: true,
  streamed: true,
  promptTokens: true,
  completionTokens: true,
  cachedInputTokens: true,
  cacheWriteTokens: true,
  reasoningTokens: true,
  usageEstimated: true,
  costNanoUsd: true,
  costSavedNanoUsd: true,
  userId: true,
  sessionId: true,
  sessionPath: true,
  sessionName: true,
  cacheStatus: true,
  retryCount: true,
  fallbackIndex: true,
  apiKeyId: true,
  properties: { select: { key: true, value: true } },
} as const;

const usd = (nano: bigint | null) => (nano === null ? null : Number(nano) / 1e9);

type ListRow = { costNanoUsd: bigint | null; costSavedNanoUsd: bigint | null; modelRequested: string; properties: { key: string; value: string }[] };

function toApi<T extends ListRow>({ costNanoUsd, costSavedNanoUsd, modelRequested, properties, ...rest }: T) {
  return {
    ...rest,
    model: modelRequested,
    costUsd: usd(costNanoUsd),
    unpriced: costNanoUsd === null,
    costSavedUsd: usd(costSavedNanoUsd),
    properties: Object.fromEntries(properties.map((p) => [p.key, p.value]).sort(([a], [b]) => a!.localeCompare(b!))),
  };
}

function orderBy(q: RequestQuery) {
  const { column, nullable } = SORT_COLUMNS[q.sort];
  return [{ [column]: nullable ? { sort: q.dir, nulls: "last" as const } : q.dir }, { id: q.dir }];
}

/** Candidate ids in the largest round when a property filter drives the page. */
const MAX_CANDIDATES = 4000;

/**
 * Newest first under an "equals" property filter, driven by the property's index: candidates
 * come newest first from RequestProperty (workspaceId, key, value, createdAt) and the other
 * filters are checked on those rows only. Scanning requests and probing each for the property
 * instead costs one lookup per request, which for a rare value means tens of thousands.
 */
async function listByProperty(workspaceId: string, q: RequestQuery, property: PropertyCondition, db: Db) {
  const cursor = q.cursor ? (decodeCursor(q.cursor, "time") as { value: Date; id: string } | null) : null;
  let after = cursor ? { createdAt: cursor.value, requestId: cursor.id } : null;
  const rows = [];
  // The first round asks for one page; each further round (other filters rejected some) doubles.
  for (let take = q.limit + 1; ; take = Math.min(take * 2, MAX_CANDIDATES)) {
    const candidates = await db.requestProperty.findMany({
      where: {
        workspaceId,
        key: property.key,
        value: property.value,
        createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) },
        ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, requestId: { lt: after.requestId } }] } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { requestId: "desc" }],
      take,
      select: { requestId: true, createdAt: true },
    });
    if (candidates.length === 0) break;
    // Workspace, window and cursor hold for every candidate; leaving them out keeps the
    // database on the primary key instead of a time-range scan.
    const ids = candidates.map((c) => c.requestId);
    rows.push(...(await db.request.findMany({ where: { ...rowFilters(workspaceId, q, property), id: { in: ids } }, orderBy: orderBy(q), select: LIST_FIELDS })));
    if (rows.length > q.limit || candidates.length < take) break;
    after = candidates.at(-1)!;
  }
  return rows.slice(0, q.limit + 1);
}

export async function listRequests(workspaceId: string, q: RequestQuery, db: Db = defaultDb()) {
  const driver = q.sort === "time" && q.dir === "desc" ? q.properties.find((c) => c.op === "eq") : undefined;
  const rows = driver
    ? await listByProperty(workspaceId, q, driver, db)
    : await db.request.findMany({ where: where(workspaceId, q), orderBy: orderBy(q), take: q.limit + 1, select: LIST_FIELDS });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const { column } = SORT_COLUMNS[q.sort];
  return { data: page.map(toApi), nextCursor: rows.length > q.limit && last ? encodeCursor(q.sort, last[column], last.id) : null };
}

const parseJson = (text: string | null) => {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/** One request with its bodies; null when it is not in this workspace. */
export async function getRequest(workspaceId: string, id: string, options: { withBodies: boolean }, db: Db = defaultDb()) {
  const row = await db.request.findFirst({
    where: { id, workspaceId },
    select: { ...LIST_FIELDS, requestBody: true, requestBodyState: true, requestBytes: true, responseBody: true, responseBodyState: true, responseBytes: true, rateLimitHeaders: true, attempts: true },
  });
  if (!row) return null;
  const { requestBody, responseBody, rateLimitHeaders, attempts, ...rest } = row;
  return {
    ...toApi(rest),
    rateLimitHeaders: parseJson(rateLimitHeaders),
    attempts: parseJson(attempts),
    requestBody: options.withBodies ? parseJson(requestBody) : null,
    responseBody: options.withBodies ? parseJson(responseBody) : null,
    bodiesHidden: !options.withBodies,
  };
}

/** Whether the workspace has logged anything yet (the empty states show how to start). */
export async function hasAnyRequest(workspaceId: string, db: Db = defaultDb()): Promise<boolean> {
  return (await db.request.findFirst({ where: { workspaceId }, select: { id: true } })) !== null;
}
