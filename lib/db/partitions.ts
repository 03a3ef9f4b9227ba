// Postgres keeps the request log (Request and RequestProperty) in one partition per UTC day
// (migration 0017): retention drops a day's tables instead of deleting their rows, and a query
// over a week reads a week's tables. This module lists the days, makes the ones ahead and drops
// one; lib/retention/purge.ts decides which. SQLite keeps one table and needs none of it.
import type { ClientBase } from "pg";
import { type Db, db as defaultDb, targetOf } from "./client";
import { withPostgresClient } from "./postgres-client";
import type { DatabaseTarget } from "./url";
import { DAY_MS, dayOf } from "./timestamps";


/** Days made ahead of today, so a row never waits for its partition. */
export const DAYS_AHEAD = 7;

// Partition DDL takes a lock on the parent table; behind a long dashboard query it would make
// the log writer's inserts queue behind it, so it gives up quickly and the next run tries again.
const LOCK_TIMEOUT = "2s";

const LOG_TABLES = ["Request", "RequestProperty"] as const;

export interface LogPartition {
  /** The suffix both tables' partitions share: "d20261203", "legacy" (rows from before 0017) or "default". */
  suffix: string;
  /** UTC bounds, `to` exclusive; null is unbounded (the legacy partition's start). */
  from: Date | null;
  to: Date | null;
  /** The partition for rows no day holds: days never made, or made after rows for them arrived. */
  isDefault: boolean;
}


// The columns are timestamp(3) without time zone holding UTC, as the log writer stores them.
const timestamp = (t: Date) => t.toISOString().slice(0, 19).replace("T", " ");
const boundDate = (value: string) => (value === "MINVALUE" || value === "MAXVALUE" ? null : new Date(`${value.replaceAll("'", "").replace(" ", "T")}Z`));

/**
 * SQL matching a property row `p` to its request `r`. On Postgres by both columns of the
 * request's key, so each lookup reads the one day partition the request is in instead of every
 * day's; SQLite has one table and matches the id.
 */
export const requestOfProperty = (dialect: "sqlite" | "postgres", r: string, p: string) =>
  dialect === "postgres" ? `${r}."id" = ${p}."requestId" AND ${r}."createdAt" = ${p}."createdAt"` : `${r}."id" = ${p}."requestId"`;

/** `r`'s key and a property row `p`'s reference to it, for `<key> IN (SELECT <reference> …)`. */
export const requestKeyOf = (dialect: "sqlite" | "postgres", r: string) => (dialect === "postgres" ? `(${r}."id", ${r}."createdAt")` : `${r}."id"`);
export const referenceOf = (dialect: "sqlite" | "postgres", p: string) => (dialect === "postgres" ? `${p}."requestId", ${p}."createdAt"` : `${p}."requestId"`);

/**
 * The `createdAt` range of rows found by an earlier step: added to a lookup by id, it keeps
 * Postgres to the days those rows are in instead of probing every day's key.
 */
export function timeSpan(rows: { createdAt: Date }[]): { gte: Date; lte: Date } | undefined {
  if (rows.length === 0) return undefined;
  let [gte, lte] = [rows[0]!.createdAt, rows[0]!.createdAt];
  for (const { createdAt } of rows) {
    if (createdAt < gte) gte = createdAt;
    if (createdAt > lte) lte = createdAt;
  }
  return { gte, lte };
}

/** True once migration 0017 has made the request log a partitioned table. */
async function isPartitioned(client: ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ relkind: string }>(`SELECT relkind FROM pg_class WHERE oid = to_regclass('"Request"')`);
  return rows[0]?.relkind === "p";
}

const PARTITIONS_SQL = `SELECT c.relname::text AS name, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass('"Request"')`;

const parsePartitions = (rows: { name: string; bound: string }[]): LogPartition[] =>
  rows
    .map(({ name, bound }) => {
      const range = /FROM \((.+)\) TO \((.+)\)/.exec(bound);
      return { suffix: name.slice("Request_".length), from: range ? boundDate(range[1]!) : null, to: range ? boundDate(range[2]!) : null, isDefault: !range };
    })
    .sort((a, b) => (a.from?.getTime() ?? -Infinity) - (b.from?.getTime() ?? -Infinity));

export async function listLogPartitions(client: ClientBase): Promise<LogPartition[]> {
  return parsePartitions((await client.query<{ name: string; bound: string }>(PARTITIONS_SQL)).rows);
}

/**
 * How many days after today already have their partition, counted from tomorrow; null on SQLite
 * or before 0017. Below one, the hourly job has not run for a day and tomorrow's rows will land
 * in the default partition (kept, but read and purged row by row).
 */
export async function partitionDaysAhead(db: Db = defaultDb(), now = new Date()): Promise<number | null> {
  if (targetOf(db).kind !== "postgres") return null;
  const partitions = parsePartitions(await db.$queryRawUnsafe<{ name: string; bound: string }[]>(PARTITIONS_SQL));
  if (partitions.length === 0) return null;
  const days = partitions.filter((p) => !p.isDefault);
  let ahead = 0;
  for (let day = dayOf(now).getTime() + DAY_MS; days.some((p) => (p.from?.getTime() ?? -Infinity) <= day && (p.to?.getTime() ?? Infinity) > day); day += DAY_MS) ahead++;
  return ahead;
}

/**
 * Runs `work` in one transaction whose locks give up after LOCK_TIMEOUT, and commits what it did
 * unless it returns null. Null also when it must wait for a later run (a lock not had in time, or
 * a row of the day reached the default partition meanwhile).
 */
async function inDdlTransaction<T>(client: ClientBase, work: () => Promise<T | null>): Promise<T | null> {
  await client.query("BEGIN");
  try {
    await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    const result = await work();
    await client.query(result === null ? "ROLLBACK" : "COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    if (["55P03", "23514"].includes((error as { code?: string }).code ?? "")) return null;
    throw error;
  }
}

/**
 * Makes a partition for each UTC day from `from` to `to` that none covers yet, and returns their
 * suffixes. A day whose rows already wait in the default partition stays there: a new partition
 * would have to take them over under a lock. Nothing before migration 0017.
 */
export async function ensureDailyPartitions(client: ClientBase, from: Date, to: Date): Promise<string[]> {
  if (!(await isPartitioned(client))) return [];
  const existing = (await listLogPartitions(client)).filter((p) => !p.isDefault);
  const created: string[] = [];
  for (let day = dayOf(from); day <= to; day = new Date(day.getTime() + DAY_MS)) {
    const end = new Date(day.getTime() + DAY_MS);
    if (existing.some((p) => (p.from === null || p.from < end) && (p.to === null || p.to > day))) continue;
    const waiting = await client.query(`SELECT 1 FROM "Request_default" WHERE "createdAt" >= $1 AND "createdAt" < $2 LIMIT 1`, [timestamp(day), timestamp(end)]);
    if (waiting.rowCount) continue;
    const suffix = `d${day.toISOString().slice(0, 10).replaceAll("-", "")}`;
    const bounds = `FOR VALUES FROM ('${timestamp(day)}') TO ('${timestamp(end)}')`;
    const made = await inDdlTransaction(client, async () => {
      for (const table of LOG_TABLES) await client.query(`CREATE TABLE "${table}_${suffix}" PARTITION OF "${table}" ${bounds}`);
      return true;
    });
    if (!made) break;
    created.push(suffix);
  }
  return created;
}

/**
 * Postgres, each purge run: makes the days ahead of `now`, then drops each past day `expired`
 * lets go, given its end and how many rows each workspace has in it; returns the rows dropped.
 * Nothing on SQLite.
 */
export async function maintainDailyPartitions(db: Db, now: Date, expired: (dayEnd: Date, rowsByWorkspace: Map<string, number>) => boolean): Promise<number> {
  const target = targetOf(db);
  if (target.kind !== "postgres") return 0;
  return withPostgresClient(target.url, async (client) => {
    await ensureDailyPartitions(client, now, new Date(now.getTime() + DAYS_AHEAD * DAY_MS));
    let dropped = 0;
    for (const day of await listLogPartitions(client)) {
      const end = day.to;
      if (day.isDefault || end === null || end > dayOf(now)) continue;
      dropped += (await dropLogPartitionIf(client, day.suffix, (rows) => expired(end, rows))) ?? 0;
    }
    return dropped;
  });
}

/** ensureDailyPartitions for a database by its target; nothing on SQLite. For writers of past days (seeds, generated traffic). */
export async function ensureDailyPartitionsIn(target: DatabaseTarget, from: Date, to: Date): Promise<void> {
  if (target.kind === "postgres") await withPostgresClient(target.url, (client) => ensureDailyPartitions(client, from, to));
}

/**
 * Drops one partition of both tables when `mayDrop` allows it, given how many rows each
 * workspace has there, and returns how many rows went; null when it stays. The count and the drop
 * happen under one lock, so no row can arrive between them.
 */
export function dropLogPartitionIf(client: ClientBase, suffix: string, mayDrop: (rowsByWorkspace: Map<string, number>) => boolean): Promise<number | null> {
  return inDdlTransaction(client, async () => {
    // The writer's order (requests, then properties), so neither waits on the other in a cycle.
    await client.query(`LOCK TABLE "Request_${suffix}", "RequestProperty_${suffix}" IN ACCESS EXCLUSIVE MODE`);
    const { rows } = await client.query<{ workspaceId: string; rows: number }>(`SELECT "workspaceId", count(*)::int AS rows FROM "Request_${suffix}" GROUP BY 1`);
    if (!mayDrop(new Map(rows.map((r) => [r.workspaceId, r.rows])))) return null;
    // Properties first: they point at the requests. A referenced partition must be detached
    // before it goes; with its properties gone, the detach's foreign-key check reads nothing.
    await client.query(`DROP TABLE "RequestProperty_${suffix}"`);
    await client.query(`ALTER TABLE "Request" DETACH PARTITION "Request_${suffix}"`);
    await client.query(`DROP TABLE "Request_${suffix}"`);
    return rows.reduce((sum, r) => sum + r.rows, 0);
  });
}
