import type { RequestLogRow, RequestLogWriter } from "./request-log";
import { createPostgresLogWriter } from "./request-log-postgres";
import { createSqliteLogWriter } from "./request-log-sqlite";
import { storableText } from "./storable-text";
import type { DatabaseTarget } from "./url";

/** The row with NUL characters replaced: unchanged, a row with one could never be written to Postgres. */
function storableRow(row: RequestLogRow): RequestLogRow {
  const texts = Object.entries(row).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].includes("\u0000"));
  const properties = row.properties.some((p) => p.key.includes("\u0000") || p.value.includes("\u0000"));
  if (texts.length === 0 && !properties) return row;
  return {
    ...row,
    ...Object.fromEntries(texts.map(([key, value]) => [key, storableText(value)])),
    properties: row.properties.map((p) => ({ key: storableText(p.key), value: storableText(p.value) })),
  };
}

/** The log writer for the database the app runs on. */
export function createRequestLogWriter(target: DatabaseTarget): RequestLogWriter {
  const writer = target.kind === "sqlite" ? createSqliteLogWriter(target.file) : createPostgresLogWriter(target.url);
  return {
    writeBatch: (rows) => writer.writeBatch(rows.map(storableRow)),
    writeDeadLetters: (letters) => writer.writeDeadLetters(letters.map((l) => ({ row: l.row, error: storableText(l.error) }))),
    classify: (error) => writer.classify(error),
    reachable: () => writer.reachable(),
    close: () => writer.close(),
  };
}
