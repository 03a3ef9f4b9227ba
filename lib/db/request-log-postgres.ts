// Log rows into Postgres: one INSERT … SELECT FROM UNNEST(column arrays) per table and batch,
// in one transaction, whatever the batch size.
import { Pool } from "pg";
import { encodeRow } from "./log-row-codec";
import { type ColumnType, REQUEST_COLUMNS, type RequestLogRow, type RequestLogWriter, type WriteFailure, propertyRows } from "./request-log";
import { ROLLUP_TABLES, rollupBatch, upsertSql } from "./rollups";
import { POSTGRES_SESSION_OPTIONS } from "./url";

const PG_TYPES: Record<ColumnType, string> = { text: "text", int: "int4", bigint: "int8", bool: "bool", timestamp: "timestamp(3)" };

const unnest = (types: ColumnType[]) => `SELECT * FROM UNNEST(${types.map((t, i) => `$${i + 1}::${PG_TYPES[t]}[]`).join(", ")})`;
const REQUEST_SQL = `INSERT INTO "Request" (${REQUEST_COLUMNS.map(([n]) => `"${n}"`).join(", ")}) ${unnest(REQUEST_COLUMNS.map(([, t]) => t))}`;
const PROPERTY_SQL = `INSERT INTO "RequestProperty" ("requestId", "workspaceId", "key", "value", "createdAt", "costNanoUsd") ${unnest(["text", "text", "text", "text", "timestamp", "bigint"])}`;
const ROLLUPS = ROLLUP_TABLES.map((r) => ({ ...r, sql: upsertSql("postgres", r.table, r.columns, unnest(r.columns.map((c) => c.type))) }));
const DEAD_LETTER_SQL = `INSERT INTO "LogDeadLetter" ("id", "workspaceId", "requestId", "error", "row") SELECT gen_random_uuid()::text, * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[])`;

// UTC ISO strings: a timestamp-without-time-zone column keeps them as they are, as Prisma does.
const encode = (value: unknown) => (value instanceof Date ? value.toISOString() : typeof value === "bigint" ? value.toString() : value);

/**
 * SQLSTATE classes: 08 connection, 40 rollback (deadlock, serialization), 53 resources, 57
 * operator intervention (shutdown), 58 system, and a missing table or column (a migration not
 * applied yet) mean the database is not taking writes. 22 data, 23 integrity and 54 limits
 * (an index entry too large) are the row's own fault. No code at all is a network error.
 */
export function classifyPostgresError(error: unknown): WriteFailure {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) return "outage";
  // The request log is partitioned by day (0017): the key violated is a partition's.
  if (code === "23505" && /^Request(_[a-z0-9]+)?_pkey$/.test(constraint ?? "")) return "duplicate";
  const cls = code.slice(0, 2);
  if (["08", "40", "53", "57", "58"].includes(cls) || code === "42P01" || code === "42703" || code === "55P03" || code === "25006") return "outage";
  if (["22", "23", "54"].includes(cls) || code === "42804") return "row";
  return "unknown";
}

export function createPostgresLogWriter(url: string): RequestLogWriter {
  const pool = new Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000, options: POSTGRES_SESSION_OPTIONS });
  pool.on("error", () => {}); // an idle client dropped by the server; the next write reconnects

  // A connection cut between two statements of a transaction is reported as an 'error' event on
  // the checked-out client, not by a query; without a listener it would be an uncaught exception
  // (and kill a gateway worker with its queue). The next query fails and the batch is retried.
  const ignoreCut = () => {};
  const transaction = async (queries: [string, unknown[]][]) => {
    const client = await pool.connect();
    client.on("error", ignoreCut);
    try {
      await client.query("BEGIN");
      for (const [sql, params] of queries) await client.query(sql, params);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.removeListener("error", ignoreCut);
      client.release();
    }
  };

  const writeBatch = async (rows: RequestLogRow[]) => {
    const queries: [string, unknown[]][] = [[REQUEST_SQL, REQUEST_COLUMNS.map(([name]) => rows.map((r) => encode(r[name])))]];
    const props = propertyRows(rows);
    if (props.length) {
      queries.push([PROPERTY_SQL, [props.map((p) => p.requestId), props.map((p) => p.workspaceId), props.map((p) => p.key), props.map((p) => p.value), props.map((p) => p.createdAt.toISOString()), props.map((p) => encode(p.costNanoUsd))]]);
    }
    const batch = rollupBatch(rows);
    for (const rollup of ROLLUPS) {
      const totals = rollup.rows(batch);
      if (totals.length) queries.push([rollup.sql, rollup.columns.map((c) => totals.map((r) => encode(r[c.name])))]);
    }
    await transaction(queries);
  };

  return {
    writeBatch,
    writeDeadLetters: (letters) =>
      transaction([[DEAD_LETTER_SQL, [letters.map((l) => l.row.workspaceId), letters.map((l) => l.row.id), letters.map((l) => l.error), letters.map((l) => encodeRow(l.row))]]]),
    classify: classifyPostgresError,
    reachable: () => pool.query("SELECT 1").then(() => true, () => false),
    close: () => pool.end(),
  };
}
