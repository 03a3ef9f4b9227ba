// Log rows into SQLite with better-sqlite3: prepared statements in one transaction per batch.
import Database from "better-sqlite3";
import { sqliteTimestamp } from "./timestamps";
import { REQUEST_COLUMNS, type RequestLogRow, type RequestLogWriter, propertyRows, writeOneByOne } from "./request-log";
import { PROPERTY_ROLLUP_COLUMNS, REQUEST_ROLLUP_COLUMNS, rollupBatch, upsertSql } from "./rollups";

// Constraint violations are the row's fault; busy, locked or missing-table errors are not.
const isPermanent = (error: unknown) => String((error as { code?: string }).code ?? "").startsWith("SQLITE_CONSTRAINT");

export function createSqliteLogWriter(file: string): RequestLogWriter {
  let db: Database.Database | undefined;
  let insertBatch: ((rows: RequestLogRow[]) => void) | undefined;

  function open() {
    if (insertBatch) return insertBatch;
    db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000"); // the dashboard's Prisma connection writes to the same file
    // In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last batch.
    db.pragma("synchronous = NORMAL");
    const names = REQUEST_COLUMNS.map(([name]) => `"${name}"`).join(", ");
    const request = db.prepare(`INSERT INTO "Request" (${names}) VALUES (${REQUEST_COLUMNS.map(() => "?").join(", ")})`);
    const property = db.prepare(`INSERT INTO "RequestProperty" ("requestId", "workspaceId", "key", "value", "createdAt") VALUES (?, ?, ?, ?, ?)`);
    const encode = (value: unknown, type: string) =>
      value === null || value === undefined ? null : type === "timestamp" ? sqliteTimestamp(value as Date) : type === "bool" ? (value ? 1 : 0) : value;
    const placeholders = (n: number) => `VALUES (${new Array(n).fill("?").join(", ")})`;
    const requestRollup = db.prepare(upsertSql("RequestRollup", REQUEST_ROLLUP_COLUMNS, placeholders(REQUEST_ROLLUP_COLUMNS.length)));
    const propertyRollup = db.prepare(upsertSql("PropertyRollup", PROPERTY_ROLLUP_COLUMNS, placeholders(PROPERTY_ROLLUP_COLUMNS.length)));
    const values: unknown[] = new Array(REQUEST_COLUMNS.length);
    insertBatch = db.transaction((rows: RequestLogRow[]) => {
      for (const row of rows) {
        for (let i = 0; i < REQUEST_COLUMNS.length; i++) values[i] = encode(row[REQUEST_COLUMNS[i]![0]], REQUEST_COLUMNS[i]![1]);
        request.run(values);
      }
      for (const p of propertyRows(rows)) property.run(p.requestId, p.workspaceId, p.key, p.value, sqliteTimestamp(p.createdAt));
      const rollups = rollupBatch(rows);
      for (const r of rollups.requests) requestRollup.run(REQUEST_ROLLUP_COLUMNS.map((c) => encode(r[c.name], c.type)));
      for (const r of rollups.properties) propertyRollup.run(PROPERTY_ROLLUP_COLUMNS.map((c) => encode(r[c.name], c.type)));
    });
    return insertBatch;
  }

  const writeBatch = async (rows: RequestLogRow[]) => {
    try {
      open()(rows);
    } catch (error) {
      // Reopen next time: the file may have been replaced or the connection broken.
      if (!isPermanent(error)) {
        db?.close();
        db = undefined;
        insertBatch = undefined;
      }
      throw error;
    }
  };

  return {
    writeBatch,
    writeOneByOne: (rows) => writeOneByOne(rows, writeBatch, isPermanent),
    close: async () => {
      db?.close();
      db = undefined;
      insertBatch = undefined;
    },
  };
}
