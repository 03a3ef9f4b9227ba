// Where aggregate queries read from. Whole hours of a window come from the hourly rollups
// (lib/db/rollups.ts); the partial hour at its start (and at its end, when it ends before now)
// come from the request rows. Both sides have the same columns, so the sums are exact to the
// millisecond however the window is cut, and a 90-day chart reads ~2,000 rows per series
// instead of millions. Per-user totals work the same way on whole days (UserRollup, and per
// model UserModelRollup), and latency histograms on whole hours (LatencyRollup). Property totals
// read whole days from PropertyDayRollup, and the hourly rollup only for the edge days' hours:
// a key with 500 values is 500 rows a day instead of 12,000.
import { latencyBucketSql } from "../db/latency-buckets";
import { DAY_MS, HOUR_MS } from "../db/timestamps";
import { type Dialect, type Scope, isWholeWorkspace, scopeOf, scopeWhere, type sql } from "./sql";
import type { Window } from "./time-range";

type Query = ReturnType<typeof sql>;

/** The window as whole hours (or days) for the rollups, and the pieces at its edges for the rows. */
export function splitWindow(window: Window, unitMs = HOUR_MS): { hours: Window | null; edges: Window[] } {
  const start = new Date(Math.ceil(window.from.getTime() / unitMs) * unitMs);
  const end = new Date(Math.floor(window.to.getTime() / unitMs) * unitMs);
  if (start >= end) return { hours: null, edges: [window] };
  const edges = [...(window.from < start ? [{ from: window.from, to: start }] : []), ...(end < window.to ? [{ from: end, to: window.to }] : [])];
  return { hours: { from: start, to: end }, edges };
}

/**
 * The window as whole UTC days (unless `wholeDays` is false), the whole hours of what is left,
 * and the pieces of hours at its edges.
 */
export function splitWindowByDay(window: Window, wholeDays = true): { days: Window | null; hours: Window[]; edges: Window[] } {
  const { hours: days, edges: dayEdges } = wholeDays ? splitWindow(window, DAY_MS) : { hours: null, edges: [window] };
  const hours: Window[] = [];
  const edges: Window[] = [];
  for (const piece of dayEdges) {
    const split = splitWindow(piece);
    if (split.hours) hours.push(split.hours);
    edges.push(...split.edges);
  }
  return { days, hours, edges };
}

/**
 * A derived table `f` from the rows at the window's sub-hour edges, the hourly rollup for whole
 * hours and, when given, the daily one for whole days; each builder is called once, in the order
 * its SELECT appears (SQLite binds ? by position), and the rows' SELECT names the columns.
 */
function fromTiers(window: Window, rows: (edges: Window[]) => string, hourly: (hours: Window[]) => string, daily?: (days: Window) => string): string {
  const { days, hours, edges } = splitWindowByDay(window, daily !== undefined);
  const selects = [rows(edges), ...(hours.length ? [hourly(hours)] : []), ...(days && daily ? [daily(days)] : [])];
  return `(${selects.join(" UNION ALL ")}) f`;
}

function edgesWhere(q: Query, column: string, edges: Window[]): string {
  return edges.length ? `(${edges.map((e) => q.within(column, e)).join(" OR ")})` : "1 = 0";
}

/**
 * On Postgres, the same edges on the joined table's time too (equal through the `(id, createdAt)`
 * match): the planner then keeps both tables to the edge days' partitions when it plans, instead
 * of opening every day's partition at run time (which costs each parallel worker tens of ms).
 */
function alsoOnJoined(q: Query, column: string, edges: Window[]): string {
  return q.dialect === "postgres" ? ` AND ${edgesWhere(q, column, edges)}` : "";
}

const cacheHit = (dialect: Dialect) => (dialect === "postgres" ? `COALESCE(r."cacheStatus" = 'HIT', false)` : `(CASE WHEN r."cacheStatus" = 'HIT' THEN 1 ELSE 0 END)`);

/**
 * Requests as a derived table `f` with columns t (hour or time), provider, model, status, hit,
 * n, spend, saved, lat (sum ms), ttft (sum ms), ttftn. A narrower scope than a workspace (a
 * user, property values) reads the rows only: the rollups have no such dimensions.
 */
export function requestFacts(q: Query, dialect: Dialect, scope: Scope, window: Window): string {
  const { workspaceId } = scopeOf(scope);
  const { hours, edges } = isWholeWorkspace(scope) ? splitWindow(window) : { hours: null, edges: [window] };
  const rows = `SELECT r."createdAt" AS t, r."provider" AS provider, COALESCE(r."modelServed", r."modelRequested") AS model, r."status" AS status, ${cacheHit(dialect)} AS hit,
      1 AS n, COALESCE(r."costNanoUsd", 0) AS spend, COALESCE(r."costSavedNanoUsd", 0) AS saved, r."latencyMs" AS lat,
      COALESCE(r."timeToFirstTokenMs", 0) AS ttft, CASE WHEN r."timeToFirstTokenMs" IS NULL THEN 0 ELSE 1 END AS ttftn
    FROM "Request" r WHERE ${scopeWhere(q, scope)} AND ${edgesWhere(q, `r."createdAt"`, edges)}`;
  if (!hours) return `(${rows}) f`;
  const rollup = `SELECT "hour" AS t, "provider" AS provider, "model" AS model, "status" AS status, "cacheHit" AS hit, "requests" AS n, "spendNano" AS spend,
      "savedNano" AS saved, "latencySumMs" AS lat, "ttftSumMs" AS ttft, "ttftCount" AS ttftn
    FROM "RequestRollup" WHERE "workspaceId" = ${q.param(workspaceId)} AND ${q.within(`"hour"`, hours)}`;
  return `(${rows} UNION ALL ${rollup}) f`; // in this order: SQLite binds ? by position
}

/**
 * Property values as a derived table `f` with columns t, key, value, n, spend, lat, tokens; `key`
 * narrows to one key. Whole days come from PropertyDayRollup unless `hourly` (a chart by the hour).
 */
export function propertyFacts(q: Query, scope: Scope, window: Window, key?: string, options: { hourly?: boolean } = {}): string {
  const { workspaceId } = scopeOf(scope);
  const ofKey = () => (key === undefined ? "" : ` AND "key" = ${q.param(key)}`);
  // The request's time index finds the few edge rows, with or without a key.
  const rows = (edges: Window[]) => `SELECT p."createdAt" AS t, p."key" AS key, p."value" AS value, 1 AS n, COALESCE(r."costNanoUsd", 0) AS spend, r."latencyMs" AS lat,
      COALESCE(r."promptTokens", 0) + COALESCE(r."completionTokens", 0) AS tokens
    FROM "RequestProperty" p JOIN "Request" r ON ${q.requestOf("r", "p")}
    WHERE p."workspaceId" = ${q.param(workspaceId)}${key === undefined ? "" : ` AND p."key" = ${q.param(key)}`} AND ${scopeWhere(q, scope)}
      AND ${edgesWhere(q, `r."createdAt"`, edges)}${alsoOnJoined(q, `p."createdAt"`, edges)}`;
  if (!isWholeWorkspace(scope)) return `(${rows([window])}) f`;
  const rollup = (table: string, time: string, within: () => string) => `SELECT "${time}" AS t, "key" AS key, "value" AS value, "requests" AS n, "spendNano" AS spend, "latencySumMs" AS lat, "tokens" AS tokens
    FROM "${table}" WHERE "workspaceId" = ${q.param(workspaceId)}${ofKey()} AND ${within()}`;
  return fromTiers(
    window,
    rows,
    (hours) => rollup("PropertyRollup", "hour", () => edgesWhere(q, `"hour"`, hours)),
    options.hourly ? undefined : (days) => rollup("PropertyDayRollup", "day", () => q.within(`"day"`, days)),
  );
}

/** A workspace's scope, or one user's in it: what UserRollup can answer. */
const isWholeWorkspaceOrUser = (scope: Scope) => isWholeWorkspace({ ...scopeOf(scope), userId: undefined });

/**
 * End users' requests as a derived table `f` with columns t, u (user id), n, errors, spend, lat
 * (sum ms), first and last (times): whole UTC days from UserRollup, the partial days at the edges
 * from the rows. Requests without a user are left out. `hourly` (a chart by the hour) and scopes
 * narrower than a user read the rows only.
 */
export function userFacts(q: Query, scope: Scope, window: Window, options: { hourly?: boolean } = {}): string {
  const { workspaceId, userId } = scopeOf(scope);
  const { hours: days, edges } = !options.hourly && isWholeWorkspaceOrUser(scope) ? splitWindow(window, DAY_MS) : { hours: null, edges: [window] };
  const rows = `SELECT r."createdAt" AS t, r."userId" AS u, 1 AS n, CASE WHEN r."status" >= 400 THEN 1 ELSE 0 END AS errors, COALESCE(r."costNanoUsd", 0) AS spend,
      r."latencyMs" AS lat, r."createdAt" AS first, r."createdAt" AS last
    FROM "Request" r WHERE ${scopeWhere(q, scope)} AND r."userId" IS NOT NULL AND ${edgesWhere(q, `r."createdAt"`, edges)}`;
  if (!days) return `(${rows}) f`;
  const rollup = `SELECT "day" AS t, "userId" AS u, "requests" AS n, "errors" AS errors, "spendNano" AS spend, "latencySumMs" AS lat, "firstAt" AS first, "lastAt" AS last
    FROM "UserRollup" WHERE "workspaceId" = ${q.param(workspaceId)}${userId === undefined ? "" : ` AND "userId" = ${q.param(userId)}`} AND ${q.within(`"day"`, days)}`;
  return `(${rows} UNION ALL ${rollup}) f`; // in this order: SQLite binds ? by position
}

/**
 * Requests per end user and model, for the given users, as a derived table `f` with columns u,
 * m (model) and n: whole UTC days from UserModelRollup, the partial days at the edges from the rows.
 */
export function userModelFacts(q: Query, workspaceId: string, window: Window, userIds: string[]): string {
  const { hours: days, edges } = splitWindow(window, DAY_MS);
  const among = (column: string) => `${column} IN (${userIds.map((u) => q.param(u)).join(", ")})`;
  const rows = `SELECT r."userId" AS u, COALESCE(r."modelServed", r."modelRequested") AS m, 1 AS n FROM "Request" r
    WHERE r."workspaceId" = ${q.param(workspaceId)} AND ${among(`r."userId"`)} AND ${edgesWhere(q, `r."createdAt"`, edges)}`;
  if (!days) return `(${rows}) f`;
  const rollup = `SELECT "userId" AS u, "model" AS m, "requests" AS n FROM "UserModelRollup"
    WHERE "workspaceId" = ${q.param(workspaceId)} AND ${among(`"userId"`)} AND ${q.within(`"day"`, days)}`;
  return `(${rows} UNION ALL ${rollup}) f`; // in this order: SQLite binds ? by position
}

/**
 * One property value (Workflow = research-agent), the narrowest scope with rollups of its own; or,
 * without a value, the key whatever its value (a request carries a key once, so the values' rows
 * add up to the requests that carry it).
 */
export interface PropertyValue {
  key: string;
  value?: string;
}

/** The rows of one property (value) in a workspace, on a table keyed like RequestProperty or the property rollups. */
function propertyWhere(q: Query, workspaceId: string, property: PropertyValue, alias = ""): string {
  // Parameters in the order they appear: SQLite binds ? by position.
  const scope = `${alias}"workspaceId" = ${q.param(workspaceId)} AND ${alias}"key" = ${q.param(property.key)}`;
  return property.value === undefined ? scope : `${scope} AND ${alias}"value" = ${q.param(property.value)}`;
}

/** The requests `r` in a window's edges, of one property (value) through its time index. */
function edgeRequests(q: Query, workspaceId: string, edges: Window[], property?: PropertyValue): string {
  return property
    ? `"RequestProperty" p JOIN "Request" r ON ${q.requestOf("r", "p")}
      WHERE ${propertyWhere(q, workspaceId, property, "p.")} AND ${edgesWhere(q, `p."createdAt"`, edges)}${alsoOnJoined(q, `r."createdAt"`, edges)}`
    : `"Request" r WHERE r."workspaceId" = ${q.param(workspaceId)} AND ${edgesWhere(q, `r."createdAt"`, edges)}`;
}

/**
 * What a stats strip sums, as a derived table `f` with columns n, spend, unpriced, saved, lat,
 * ttft, ttftn, pt, ct (tokens in and out), errors, hits and misses: whole hours from RequestRollup
 * (a workspace), or for one property (or one value of it) whole days from PropertyDayRollup and
 * the edge days' whole hours from PropertyRollup; the rest from the rows.
 */
export function stripFacts(q: Query, workspaceId: string, window: Window, property?: PropertyValue): string {
  const rows = (edges: Window[]) => `SELECT 1 AS n, COALESCE(r."costNanoUsd", 0) AS spend, CASE WHEN r."costNanoUsd" IS NULL THEN 1 ELSE 0 END AS unpriced,
      COALESCE(r."costSavedNanoUsd", 0) AS saved, r."latencyMs" AS lat, COALESCE(r."timeToFirstTokenMs", 0) AS ttft,
      CASE WHEN r."timeToFirstTokenMs" IS NULL THEN 0 ELSE 1 END AS ttftn, COALESCE(r."promptTokens", 0) AS pt, COALESCE(r."completionTokens", 0) AS ct,
      CASE WHEN r."status" >= 400 THEN 1 ELSE 0 END AS errors, CASE WHEN r."cacheStatus" = 'HIT' THEN 1 ELSE 0 END AS hits,
      CASE WHEN r."cacheStatus" <> 'HIT' THEN 1 ELSE 0 END AS misses
    FROM ${edgeRequests(q, workspaceId, edges, property)}`;
  const sums = `"requests", "spendNano", "unpricedRequests", "savedNano", "latencySumMs", "ttftSumMs", "ttftCount", "promptTokens", "completionTokens"`;
  if (!property) {
    return fromTiers(window, rows, (hours) => `SELECT ${sums}, CASE WHEN "status" >= 400 THEN "requests" ELSE 0 END, CASE WHEN "cacheHit" THEN "requests" ELSE 0 END, "cacheMisses"
      FROM "RequestRollup" WHERE "workspaceId" = ${q.param(workspaceId)} AND ${edgesWhere(q, `"hour"`, hours)}`);
  }
  const rollup = (table: string, within: () => string) => `SELECT ${sums}, "errors", "cacheHits", "cacheMisses" FROM "${table}" WHERE ${propertyWhere(q, workspaceId, property)} AND ${within()}`;
  return fromTiers(
    window,
    rows,
    (hours) => rollup("PropertyRollup", () => edgesWhere(q, `"hour"`, hours)),
    (days) => rollup("PropertyDayRollup", () => q.within(`"day"`, days)),
  );
}

/**
 * Latency histograms as a derived table `f` with columns t, b (latency-buckets.ts) and n: whole
 * hours from LatencyRollup (a workspace), KeyLatencyRollup (one property) or PropertyLatencyRollup
 * (one value of it), the edges bucketed from the rows. Narrower scopes rank the rows exactly
 * (latency.ts).
 */
export function latencyFacts(q: Query, workspaceId: string, window: Window, property?: PropertyValue): string {
  const { hours, edges } = splitWindow(window);
  const rows = `SELECT r."createdAt" AS t, ${latencyBucketSql(`r."latencyMs"`)} AS b, 1 AS n FROM ${edgeRequests(q, workspaceId, edges, property)}`;
  if (!hours) return `(${rows}) f`;
  const rollup = property
    ? `SELECT "hour" AS t, "bucket" AS b, "requests" AS n FROM "${property.value === undefined ? "KeyLatencyRollup" : "PropertyLatencyRollup"}"
      WHERE ${propertyWhere(q, workspaceId, property)} AND ${q.within(`"hour"`, hours)}`
    : `SELECT "hour" AS t, "bucket" AS b, "requests" AS n FROM "LatencyRollup" WHERE "workspaceId" = ${q.param(workspaceId)} AND ${q.within(`"hour"`, hours)}`;
  return `(${rows} UNION ALL ${rollup}) f`; // in this order: SQLite binds ? by position
}
