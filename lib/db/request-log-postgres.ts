// Log rows into Postgres: one INSERT … SELECT FROM UNNEST(column arrays) per table and batch,
// in one transaction, whatever the batch size.
import { Pool } from "pg";
import { type ColumnType, REQUEST_COLUMNS, type RequestLogRow, type RequestLogWriter, propertyRows, writeOneByOne } from "./request-log";
import { PROPERTY_ROLLUP_COLUMNS, REQUEST_ROLLUP_COLUMNS, rollupBatch, upsertSql } from "./rollups";

const PG_TYPES: Record<ColumnType, string> = { text: "text", int: "int4", bigint: "int8", bool: "bool", timestamp: "timestamp(3)" };

const unnest = (types: ColumnType[]) => `SELECT * FROM UNNEST(${types.map((t, i) => `$${i + 1}::${PG_TYPES[t]}[]`).join(", ")})`;
const REQUEST_SQL = `INSERT INTO "Request" (${REQUEST_COLUMNS.map(([n]) => `"${n}"`).join(", ")}) ${unnest(REQUEST_COLUMNS.map(([, t]) => t))}`;
const PROPERTY_SQL = `INSERT INTO "RequestProperty" ("requestId", "workspaceId", "key", "value", "createdAt") ${unnest(["text", "text", "text", "text", "timestamp"])}`;
const REQUEST_ROLLUP_SQL = upsertSql("RequestRollup", REQUEST_ROLLUP_COLUMNS, unnest(REQUEST_ROLLUP_COLUMNS.map((c) => c.type)));
const PROPERTY_ROLLUP_SQL = upsertSql("PropertyRollup", PROPERTY_ROLLUP_COLUMNS, unnest(PROPERTY_ROLLUP_COLUMNS.map((c) => c.type)));

// UTC ISO strings: a timestamp-without-time-zone column keeps them as they are, as Prisma does.
const encode = (value: unknown) => (value instanceof Date ? value.toISOString() : typeof value === "bigint" ? value.toString() : value);

// Row-level faults: unique, foreign key and not-null violations, bad, oversized or unencodable values.
const PERMANENT = new Set(["23505", "23503", "23502", "23514", "22001", "22003", "22P02", "22007", "22008", "22021"]);
const isPermanent = (error: unknown) => PERMANENT.has((error as { code?: string }).code ?? "");

export function createPostgresLogWriter(url: string): RequestLogWriter {
  const pool = new Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000 });
  pool.on("error", () => {}); // an idle client dropped by the server; the next write reconnects

  const writeBatch = async (rows: RequestLogRow[]) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(REQUEST_SQL, REQUEST_COLUMNS.map(([name]) => rows.map((r) => encode(r[name]))));
      const props = propertyRows(rows);
      if (props.length) {
        await client.query(PROPERTY_SQL, [props.map((p) => p.requestId), props.map((p) => p.workspaceId), props.map((p) => p.key), props.map((p) => p.value), props.map((p) => p.createdAt.toISOString())]);
      }
      const rollups = rollupBatch(rows);
      await client.query(REQUEST_ROLLUP_SQL, REQUEST_ROLLUP_COLUMNS.map((c) => rollups.requests.map((r) => encode(r[c.name]))));
      if (rollups.properties.length) await client.query(PROPERTY_ROLLUP_SQL, PROPERTY_ROLLUP_COLUMNS.map((c) => rollups.properties.map((r) => encode(r[c.name]))));
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };

  return { writeBatch, writeOneByOne: (rows) => writeOneByOne(rows, writeBatch, isPermanent), close: () => pool.end() };
}
