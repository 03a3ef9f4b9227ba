// The request log as the query API and the Requests page read it. Scoped to one workspace.
import { type Db, db as defaultDb } from "../db/client";
import { timeSpan } from "../db/partitions";
import { createdAtOfId } from "../request-id";
import { type PropertyCondition, type RequestQuery, SORT_COLUMNS, type SortValue, decodeCursor, encodeCursor, usdToNano } from "./request-query";
import { pageIdsByIndex } from "./requests-sorted";

// The property's copied workspaceId and createdAt let the database answer "Workflow =
// research-agent in the last 30 days" from the (workspaceId, key, value, createdAt) index.
function propertyWhere(workspaceId: string, q: RequestQuery, c: PropertyCondition) {
  const scope = { workspaceId, key: c.key, createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } };
  if (c.op === "eq") return { properties: { some: { ...scope, value: c.value } } };
  if (c.op === "contains") return { properties: { some: { ...scope, value: { contains: c.value } } } };
  return { NOT: { properties: { some: { ...scope, value: c.value } } } };
}

/** Rows after the cursor in (sort column, id) order, with nulls last or first as the query says. */
function afterCursor(q: RequestQuery, cursor: { value: SortValue; id: string }) {
  const { column, nullable } = SORT_COLUMNS[q.sort];
  const past = q.dir === "desc" ? "lt" : "gt";
  const nullsFirst = nullable && q.nulls === "first";
  if (cursor.value === null) return { OR: [{ [column]: null, id: { [past]: cursor.id } }, ...(nullsFirst ? [{ [column]: { not: null } }] : [])] };
  return { OR: [{ [column]: { [past]: cursor.value } }, { [column]: cursor.value, id: { [past]: cursor.id } }, ...(nullable && !nullsFirst ? [{ [column]: null }] : [])] };
}

/** Conditions on a request's own columns and bodies, and on properties other than `skip`. */
function rowFilters(workspaceId: string, q: RequestQuery, skip?: PropertyCondition) {
  return {
    ...(q.model ? { OR: [{ modelRequested: q.model }, { modelServed: q.model }] } : {}),
    ...(q.provider ? { provider: q.provider } : {}),
    ...(q.status === "success" ? { status: { lt: 400 } } : q.status === "error" ? { status: { gte: 400 } } : q.status ? { status: q.status } : {}),
    ...(q.userId ? { userId: q.userId } : {}),
    ...(q.sessionId ? { sessionId: q.sessionId } : q.session ? { sessionId: { not: null } } : {}),
    ...(q.apiKeyId ? { apiKeyId: q.apiKeyId } : {}),
    ...(q.cache ? { cacheStatus: q.cache === "hit" ? "HIT" : "MISS" } : {}),
    costNanoUsd: {
      ...(q.minCostUsd !== undefined ? { gte: BigInt(usdToNano(q.minCostUsd)) } : {}),
      ...(q.maxCostUsd !== undefined ? { lte: BigInt(usdToNano(q.maxCostUsd)) } : {}),
    },
    latencyMs: { ...(q.minLatencyMs !== undefined ? { gte: q.minLatencyMs } : {}), ...(q.maxLatencyMs !== undefined ? { lte: q.maxLatencyMs } : {}) },
    AND: [
      ...q.properties.filter((c) => c !== skip).map((c) => propertyWhere(workspaceId, q, c)),
      ...(q.q ? [{ OR: [{ requestBody: { contains: q.q } }, { responseBody: { contains: q.q } }] }] : []),
      ...(q.session && q.session !== "any" ? [{ OR: [{ sessionId: { contains: q.session } }, { sessionName: { contains: q.session } }] }] : []),
    ],
  };
}

/** The Prisma filter of a query: its workspace, window and filters, and its cursor when it has one. */
export function requestWhere(workspaceId: string, q: RequestQuery) {
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
  return [{ [column]: nullable ? { sort: q.dir, nulls: q.nulls } : q.dir }, { id: q.dir }];
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
    // database on the primary key instead of a time-range scan. The candidates' own time span
    // keeps Postgres to the days they are in.
    const ids = candidates.map((c) => c.requestId);
    rows.push(...(await db.request.findMany({ where: { ...rowFilters(workspaceId, q, property), id: { in: ids }, createdAt: timeSpan(candidates) }, orderBy: orderBy(q), select: LIST_FIELDS })));
    if (rows.length > q.limit || candidates.length < take) break;
    after = candidates.at(-1)!;
  }
  return rows.slice(0, q.limit + 1);
}

/** The list fields of these requests of the query's window, in the order of `ids`. */
async function rowsInOrder(db: Db, q: RequestQuery, ids: string[]) {
  const rows = await db.request.findMany({ where: { id: { in: ids }, createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } }, select: LIST_FIELDS });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
}

export async function listRequests(workspaceId: string, q: RequestQuery, db: Db = defaultDb()) {
  const driver = q.sort === "time" && q.dir === "desc" ? q.properties.find((c) => c.op === "eq") : undefined;
  const ids = q.sort === "time" ? null : await pageIdsByIndex(db, workspaceId, q);
  const rows = ids
    ? await rowsInOrder(db, q, ids)
    : driver
      ? await listByProperty(workspaceId, q, driver, db)
      : await db.request.findMany({ where: requestWhere(workspaceId, q), orderBy: orderBy(q), take: q.limit + 1, select: LIST_FIELDS });
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

/** A request by its id: first at the time its id carries (one day's key on Postgres), then anywhere. */
async function findById<T>(workspaceId: string, id: string, find: (where: { id: string; workspaceId: string; createdAt?: Date }) => Promise<T | null>): Promise<T | null> {
  const createdAt = createdAtOfId(id);
  return (createdAt && (await find({ id, workspaceId, createdAt }))) || find({ id, workspaceId });
}

/**
 * One request with its bodies, by its id or by the caller's Helicone-Request-Id (the latest call
 * that sent it); null when it is not in this workspace.
 */
export async function getRequest(workspaceId: string, id: string, options: { withBodies: boolean }, db: Db = defaultDb()) {
  const select = { ...LIST_FIELDS, clientRequestId: true, clippedValues: true, requestBody: true, requestBodyState: true, requestBytes: true, responseBody: true, responseBodyState: true, responseBytes: true, rateLimitHeaders: true, attempts: true };
  const row = (await findById(workspaceId, id, (where) => db.request.findFirst({ where, select }))) ?? (await db.request.findFirst({ where: { workspaceId, clientRequestId: id }, orderBy: { createdAt: "desc" }, select }));
  if (!row) return null;
  const { requestBody, responseBody, rateLimitHeaders, attempts, clippedValues, ...rest } = row;
  return {
    ...toApi(rest),
    clippedValues: parseJson(clippedValues),
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

/**
 * The requests just before and after one, in the order a filtered and sorted list shows them
 * (the request page's previous and next): the list read from the request's own position.
 */
export async function requestNeighbours(workspaceId: string, q: RequestQuery, id: string, db: Db = defaultDb()): Promise<{ previous: string | null; next: string | null }> {
  const own = await findById(workspaceId, id, (where) => db.request.findFirst({ where, select: { createdAt: true, costNanoUsd: true, latencyMs: true, timeToFirstTokenMs: true } }));
  if (!own) return { previous: null, next: null };
  const value = own[SORT_COLUMNS[q.sort].column as keyof typeof own];
  const cursor = encodeCursor(q.sort, value, id);
  const around = { ...q, cursor, limit: 1 };
  const [after, before] = await Promise.all([listRequests(workspaceId, around, db), listRequestsBefore(workspaceId, { ...q, limit: 1 }, cursor, db)]);
  return { previous: before.data[0]?.id ?? null, next: after.data[0]?.id ?? null };
}

/**
 * The page before a cursor, in the list's order: the list read backwards from it. Its first
 * row's cursor pages further back; its `nextCursor` is the cursor it was read from.
 */
export async function listRequestsBefore(workspaceId: string, q: RequestQuery, before: string, db: Db = defaultDb()) {
  const backwards = await listRequests(workspaceId, { ...q, cursor: before, dir: q.dir === "desc" ? "asc" : "desc", nulls: q.nulls === "last" ? "first" : "last" }, db);
  const data = backwards.data.reverse();
  return { data, previousCursor: backwards.nextCursor && data[0] ? rowCursor(q.sort, data[0]) : null, nextCursor: before };
}

type ApiRow = ReturnType<typeof toApi<ListRow & { id: string; createdAt: Date; latencyMs: number; timeToFirstTokenMs: number | null }>>;

/** The cursor at a listed row: paging back from it reads the rows before it. */
export function rowCursor(sort: RequestQuery["sort"], row: ApiRow): string {
  const value = { time: row.createdAt, cost: row.costUsd === null ? null : BigInt(Math.round(row.costUsd * 1e9)), latency: row.latencyMs, ttft: row.timeToFirstTokenMs }[sort];
  return encodeCursor(sort, value, row.id);
}
