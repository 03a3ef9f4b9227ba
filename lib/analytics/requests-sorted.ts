// The first step of a page sorted by cost, latency or TTFT: the ids of the page, found in raw SQL
// that reads only the (workspaceId, createdAt, userId, latencyMs, costNanoUsd, status,
// timeToFirstTokenMs, id) index and the property index. Sorting through Prisma reads and sorts
// whole request rows, seconds over a month of a busy workspace; this sorts index entries.
// Filters on columns outside that index (model, provider, session, cache, text) are left to the
// Prisma path: pageIdsByIndex returns null for them.
import { type Db, dialectOf } from "../db/client";
import { type PropertyCondition, type RequestQuery, SORT_COLUMNS, decodeCursor, usdToNano } from "./request-query";
import { likeContains, sql } from "./sql";

type Query = ReturnType<typeof sql>;

// Parameters are bound in the order the text uses them: SQLite's ? are positional.
function propertyCondition(s: Query, workspaceId: string, q: RequestQuery, c: PropertyCondition): string {
  let from = `"RequestProperty" p WHERE p."workspaceId" = ${s.param(workspaceId)} AND p."key" = ${s.param(c.key)}`;
  from += c.op === "contains" ? ` AND p."value" LIKE ${s.param(likeContains(c.value))} ESCAPE '\\'` : ` AND p."value" = ${s.param(c.value)}`;
  if (q.from) from += ` AND p."createdAt" >= ${s.time(q.from)}`;
  if (q.to) from += ` AND p."createdAt" < ${s.time(q.to)}`;
  return s.inProperties("r", c.op === "ne" ? "NOT IN" : "IN", "p", from);
}

/** The request's own conditions: workspace, window, user, outcome, cost and latency bounds, properties. */
function rowConditions(s: Query, workspaceId: string, q: RequestQuery, skip?: PropertyCondition): string[] {
  const conditions = [`r."workspaceId" = ${s.param(workspaceId)}`];
  if (q.from) conditions.push(`r."createdAt" >= ${s.time(q.from)}`);
  if (q.to) conditions.push(`r."createdAt" < ${s.time(q.to)}`);
  if (q.userId) conditions.push(`r."userId" = ${s.param(q.userId)}`);
  if (q.status === "success") conditions.push(`r."status" < 400`);
  else if (q.status === "error") conditions.push(`r."status" >= 400`);
  else if (q.status !== undefined) conditions.push(`r."status" = ${s.param(q.status)}`);
  if (q.minCostUsd !== undefined) conditions.push(`r."costNanoUsd" >= ${s.param(usdToNano(q.minCostUsd))}`);
  if (q.maxCostUsd !== undefined) conditions.push(`r."costNanoUsd" <= ${s.param(usdToNano(q.maxCostUsd))}`);
  if (q.minLatencyMs !== undefined) conditions.push(`r."latencyMs" >= ${s.param(q.minLatencyMs)}`);
  if (q.maxLatencyMs !== undefined) conditions.push(`r."latencyMs" <= ${s.param(q.maxLatencyMs)}`);
  for (const c of q.properties) if (c !== skip) conditions.push(propertyCondition(s, workspaceId, q, c));
  return conditions;
}

// A bigint goes as text: both databases compare it to the integer column exactly.
const bindValue = (s: Query, v: Date | bigint | number) => (v instanceof Date ? s.time(v) : s.param(typeof v === "bigint" ? v.toString() : v));

/** The page's ids in order, or null when a filter needs columns the index lacks. */
export async function pageIdsByIndex(db: Db, workspaceId: string, q: RequestQuery): Promise<string[] | null> {
  if (q.model || q.provider || q.sessionId || q.session || q.apiKeyId || q.cache || q.q) return null;
  const driver = q.sort === "cost" ? q.properties.find((c) => c.op === "eq") : undefined;
  if (driver) return costPageByProperty(db, workspaceId, q, driver);
  const s = sql(dialectOf(db));
  const { column, nullable } = SORT_COLUMNS[q.sort];
  const col = `r."${column}"`;
  const conditions = rowConditions(s, workspaceId, q);

  // After the cursor in (column, id) order, nulls last (or first, for a list read backwards).
  const cursor = q.cursor ? decodeCursor(q.cursor, q.sort) : null;
  const past = q.dir === "desc" ? "<" : ">";
  const nullsFirst = nullable && q.nulls === "first";
  if (cursor?.value === null) conditions.push(`((${col} IS NULL AND r."id" ${past} ${s.param(cursor.id)})${nullsFirst ? ` OR ${col} IS NOT NULL` : ""})`);
  else if (cursor) {
    conditions.push(`(${col} ${past} ${bindValue(s, cursor.value)} OR (${col} = ${bindValue(s, cursor.value)} AND r."id" ${past} ${s.param(cursor.id)})${nullable && !nullsFirst ? ` OR ${col} IS NULL` : ""})`);
  }
  const direction = q.dir === "desc" ? "DESC" : "ASC";
  const text = `SELECT r."id" AS id FROM "Request" r WHERE ${conditions.join(" AND ")} ORDER BY ${col} ${direction} NULLS ${nullsFirst ? "FIRST" : "LAST"}, r."id" ${direction} LIMIT ${q.limit + 1}`;
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(text, ...s.params);
  return rows.map((r) => r.id);
}

/** No filter on the request but its window and one property value. */
const onlyWindow = (q: RequestQuery) =>
  q.userId === undefined && q.status === undefined && q.minCostUsd === undefined && q.maxCostUsd === undefined && q.minLatencyMs === undefined && q.maxLatencyMs === undefined && q.properties.length === 1;

/**
 * Sorted by cost within a property value ("the priciest research-agent calls this month"), read
 * in order from RequestProperty's (workspaceId, key, value, costNanoUsd, requestId) index, which
 * carries each request's cost: the database stops after a page instead of sorting every request
 * of the value. Priced requests in cost order and unpriced ones by id are two ordered scans, read
 * one after the other (unpriced last, or first for a list read backwards), so both databases walk
 * the index instead of sorting.
 */
async function costPageByProperty(db: Db, workspaceId: string, q: RequestQuery, driver: PropertyCondition): Promise<string[]> {
  const cursor = q.cursor ? decodeCursor(q.cursor, "cost") : null;
  const past = q.dir === "desc" ? "<" : ">";
  const direction = q.dir === "desc" ? "DESC" : "ASC";
  const part = async (priced: boolean, limit: number) => {
    const s = sql(dialectOf(db));
    const conditions = [
      `d."workspaceId" = ${s.param(workspaceId)}`,
      `d."key" = ${s.param(driver.key)}`,
      `d."value" = ${s.param(driver.value)}`,
      `d."costNanoUsd" IS ${priced ? "NOT NULL" : "NULL"}`,
      ...(q.from ? [`d."createdAt" >= ${s.time(q.from)}`] : []),
      ...(q.to ? [`d."createdAt" < ${s.time(q.to)}`] : []),
    ];
    if (cursor && priced && cursor.value !== null) {
      conditions.push(`(d."costNanoUsd" ${past} ${bindValue(s, cursor.value)} OR (d."costNanoUsd" = ${bindValue(s, cursor.value)} AND d."requestId" ${past} ${s.param(cursor.id)}))`);
    }
    if (cursor && !priced && cursor.value === null) conditions.push(`d."requestId" ${past} ${s.param(cursor.id)}`);
    // Workspace and window are the property row's own: the requests are joined only for other
    // filters, so the common case stays an ordered read of the index (per day partition on
    // Postgres, merged), which a join would make the planner give up for a hash join and a sort.
    const join = onlyWindow(q) ? "" : ` JOIN "Request" r ON ${s.requestOf("r", "d")}`;
    if (join) conditions.push(...rowConditions(s, workspaceId, q, driver));
    const order = priced ? `d."costNanoUsd" ${direction}, d."requestId" ${direction}` : `d."requestId" ${direction}`;
    const text = `SELECT d."requestId" AS id FROM "RequestProperty" d${join} WHERE ${conditions.join(" AND ")} ORDER BY ${order} LIMIT ${limit}`;
    return (await db.$queryRawUnsafe<{ id: string }[]>(text, ...s.params)).map((r) => r.id);
  };
  // The cursor's row is in one part: the part before it is all behind.
  const order = q.nulls === "first" ? [false, true] : [true, false];
  const start = cursor ? order.indexOf(cursor.value !== null) : 0;
  const ids: string[] = [];
  for (const priced of order.slice(start)) {
    if (ids.length > q.limit) break;
    ids.push(...(await part(priced, q.limit + 1 - ids.length)));
  }
  return ids;
}
