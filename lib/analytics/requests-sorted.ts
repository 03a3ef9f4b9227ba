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
  let ids = `SELECT p."requestId" FROM "RequestProperty" p WHERE p."workspaceId" = ${s.param(workspaceId)} AND p."key" = ${s.param(c.key)}`;
  ids += c.op === "contains" ? ` AND p."value" LIKE ${s.param(likeContains(c.value))} ESCAPE '\\'` : ` AND p."value" = ${s.param(c.value)}`;
  if (q.from) ids += ` AND p."createdAt" >= ${s.time(q.from)}`;
  if (q.to) ids += ` AND p."createdAt" < ${s.time(q.to)}`;
  return `r."id" ${c.op === "ne" ? "NOT IN" : "IN"} (${ids})`;
}

/** The page's ids in order, or null when a filter needs columns the index lacks. */
export async function pageIdsByIndex(db: Db, workspaceId: string, q: RequestQuery): Promise<string[] | null> {
  if (q.model || q.provider || q.sessionId || q.session || q.apiKeyId || q.cache || q.q) return null;
  const s = sql(dialectOf(db));
  const { column, nullable } = SORT_COLUMNS[q.sort];
  const col = `r."${column}"`;
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
  for (const c of q.properties) conditions.push(propertyCondition(s, workspaceId, q, c));

  // After the cursor in (column, id) order, nulls last (or first, for a list read backwards).
  const cursor = q.cursor ? decodeCursor(q.cursor, q.sort) : null;
  const past = q.dir === "desc" ? "<" : ">";
  const nullsFirst = nullable && q.nulls === "first";
  if (cursor?.value === null) conditions.push(`((${col} IS NULL AND r."id" ${past} ${s.param(cursor.id)})${nullsFirst ? ` OR ${col} IS NOT NULL` : ""})`);
  else if (cursor) {
    // A bigint goes as text: both databases compare it to the integer column exactly.
    const bind = (v: Date | bigint | number) => (v instanceof Date ? s.time(v) : s.param(typeof v === "bigint" ? v.toString() : v));
    conditions.push(`(${col} ${past} ${bind(cursor.value)} OR (${col} = ${bind(cursor.value)} AND r."id" ${past} ${s.param(cursor.id)})${nullable && !nullsFirst ? ` OR ${col} IS NULL` : ""})`);
  }
  const direction = q.dir === "desc" ? "DESC" : "ASC";
  const text = `SELECT r."id" AS id FROM "Request" r WHERE ${conditions.join(" AND ")} ORDER BY ${col} ${direction} NULLS ${nullsFirst ? "FIRST" : "LAST"}, r."id" ${direction} LIMIT ${q.limit + 1}`;
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(text, ...s.params);
  return rows.map((r) => r.id);
}
