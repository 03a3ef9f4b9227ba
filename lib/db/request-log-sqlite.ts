// Log rows into SQLite with better-sqlite3: prepared statements in one transaction per batch.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { encodeRow } from "./log-row-codec";
import { sqliteTimestamp } from "./timestamps";
import { type DeadLetter, REQUEST_COLUMNS, type RequestLogRow, type RequestLogWriter, type WriteFailure, propertyRows } from "./request-log";
import { ROLLUP_TABLES, rollupBatch, upsertSql } from "./rollups";

/**
 * Busy, locked, I/O, full-disk, read-only and missing-table errors mean the file is not taking
 * writes; constraint, size and type errors are the row's own fault.
 */
export function classifySqliteError(error: unknown): WriteFailure {
  const code = String((error as { code?: string }).code ?? "");
  const message = String((error as Error).message ?? "");
  if (code === "SQLITE_CONSTRAINT_PRIMARYKEY" && message.includes("Request.id")) return "duplicate";
  if (/^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|NOMEM|CORRUPT|NOTADB|PROTOCOL)/.test(code)) return "outage";
  if (code === "SQLITE_ERROR" && /no such (table|column)/.test(message)) return "outage";
  if (/^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/.test(code)) return "row";
  return "unknown";
}

export function createSqliteLogWriter(file: string): RequestLogWriter {
  let db: Database.Database | undefined;
  let insertBatch: ((rows: RequestLogRow[]) => void) | undefined;
  let insertDeadLetters: ((letters: DeadLetter[]) => void) | undefined;

  function open() {
    if (insertBatch && insertDeadLetters) return { insertBatch, insertDeadLetters };
    db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000"); // the dashboard's Prisma connection writes to the same file
    // In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last batch.
    db.pragma("synchronous = NORMAL");
    const names = REQUEST_COLUMNS.map(([name]) => `"${name}"`).join(", ");
    const request = db.prepare(`INSERT INTO "Request" (${names}) VALUES (${REQUEST_COLUMNS.map(() => "?").join(", ")})`);
    const property = db.prepare(`INSERT INTO "RequestProperty" ("requestId", "workspaceId", "key", "value", "createdAt", "costNanoUsd") VALUES (?, ?, ?, ?, ?, ?)`);
    const encode = (value: unknown, type: string) =>
      value === null || value === undefined ? null : type === "timestamp" ? sqliteTimestamp(value as Date) : type === "bool" ? (value ? 1 : 0) : value;
    const placeholders = (n: number) => `VALUES (${new Array(n).fill("?").join(", ")})`;
    const rollups = ROLLUP_TABLES.map((r) => ({ ...r, statement: db!.prepare(upsertSql("sqlite", r.table, r.columns, placeholders(r.columns.length))) }));
    const values: unknown[] = new Array(REQUEST_COLUMNS.length);
    const deadLetter = db.prepare(`INSERT INTO "LogDeadLetter" ("id", "workspaceId", "requestId", "createdAt", "error", "row") VALUES (?, ?, ?, ?, ?, ?)`);
    insertDeadLetters = db.transaction((letters: DeadLetter[]) => {
      for (const l of letters) deadLetter.run(randomUUID(), l.row.workspaceId, l.row.id, sqliteTimestamp(new Date()), l.error, encodeRow(l.row));
    });
    insertBatch = db.transaction((rows: RequestLogRow[]) => {
      for (const row of rows) {
        for (let i = 0; i < REQUEST_COLUMNS.length; i++) values[i] = encode(row[REQUEST_COLUMNS[i]![0]], REQUEST_COLUMNS[i]![1]);
        request.run(values);
      }
      for (const p of propertyRows(rows)) property.run(p.requestId, p.workspaceId, p.key, p.value, sqliteTimestamp(p.createdAt), p.costNanoUsd);
      const batch = rollupBatch(rows);
      for (const rollup of rollups) for (const r of rollup.rows(batch)) rollup.statement.run(rollup.columns.map((c) => encode(r[c.name], c.type)));
    });
    return { insertBatch, insertDeadLetters };
  }

  const reset = () => {
    db?.close();
    db = undefined;
    insertBatch = undefined;
    insertDeadLetters = undefined;
  };

  /** Runs a write; after an outage-like error, reopens next time (the file may have been replaced). */
  const run = async (write: () => void) => {
    try {
      write();
    } catch (error) {
      if (classifySqliteError(error) === "outage") reset();
      throw error;
    }
  };

  return {
    writeBatch: (rows) => run(() => open().insertBatch(rows)),
    writeDeadLetters: (letters) => run(() => open().insertDeadLetters(letters)),
    classify: classifySqliteError,
    reachable: () => run(() => open()).then(() => true, () => false),
    close: async () => reset(),
  };
}
