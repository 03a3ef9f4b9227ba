import type { RequestLogWriter } from "./request-log";
import { createPostgresLogWriter } from "./request-log-postgres";
import { createSqliteLogWriter } from "./request-log-sqlite";
import type { DatabaseTarget } from "./url";

/** The log writer for the database the app runs on. */
export function createRequestLogWriter(target: DatabaseTarget): RequestLogWriter {
  return target.kind === "sqlite" ? createSqliteLogWriter(target.file) : createPostgresLogWriter(target.url);
}
