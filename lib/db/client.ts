// The one Prisma client of the process. Only lib/db imports it (enforced by eslint.config.mjs).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { type DatabaseTarget, POSTGRES_SESSION_OPTIONS, resolveDatabase } from "./url";

/**
 * Both generated clients come from the same models (prisma/models.prisma), so they share one
 * API; the SQLite one names the type.
 */
export type Db = SqliteClient;

const targets = new WeakMap<object, DatabaseTarget>();

/** The database a client talks to. */
export const targetOf = (db: Db): DatabaseTarget => targets.get(db) ?? resolveDatabase();

/** Which SQL dialect a client speaks, for the few queries written as raw SQL (lib/analytics). */
export const dialectOf = (db: Db): DatabaseTarget["kind"] => targetOf(db).kind;

export function createDb(target: DatabaseTarget = resolveDatabase()): Db {
  const client =
    target.kind === "postgres"
      ? (new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url, connectionTimeoutMillis: 5000, options: POSTGRES_SESSION_OPTIONS }) }) as unknown as Db)
      : new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: target.file }) });
  targets.set(client, target);
  return client;
}

// Kept on globalThis so Next's dev reloads don't open a new pool per edit.
const globalForDb = globalThis as unknown as { tollgateDb?: Db };

export function db(): Db {
  globalForDb.tollgateDb ??= createDb();
  return globalForDb.tollgateDb;
}
