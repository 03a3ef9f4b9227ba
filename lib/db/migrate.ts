// Applies prisma/<db>/migrations/*.sql in order, each in its own transaction, and records
// applied names in _tollgate_migrations. Prisma's `migrate deploy` cannot run on Postgres
// without a downloaded engine, so Tollgate ships this runner instead.
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Client } from "pg";
import { withPostgresClient } from "./postgres-client";
import { DAYS_AHEAD, ensureDailyPartitions } from "./partitions";
import { DAY_MS } from "./timestamps";
import { type DatabaseTarget, resolveDatabase } from "./url";

const TABLE = "_tollgate_migrations";
// Any fixed 64-bit number; replicas starting together queue on it instead of racing.
const PG_LOCK_ID = 7_140_233_901;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export function migrationsFor(target: DatabaseTarget, root = process.cwd()): Migration[] {
  const dir = path.join(root, "prisma", target.kind, "migrations");
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(dir, name), "utf8") }));
}

export interface Migration {
  name: string;
  sql: string;
}

export async function migrate(target: DatabaseTarget = resolveDatabase(), migrations: Migration[] = migrationsFor(target)): Promise<MigrationResult> {
  return target.kind === "sqlite" ? migrateSqlite(target.file, migrations) : migratePostgres(target.url, migrations);
}

function migrateSqlite(file: string, migrations: Migration[]): MigrationResult {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(`CREATE TABLE IF NOT EXISTS "${TABLE}" (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`);
    const done = new Set(db.prepare(`SELECT name FROM "${TABLE}"`).pluck().all() as string[]);
    const record = db.prepare(`INSERT INTO "${TABLE}" (name, applied_at) VALUES (?, ?)`);
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      db.transaction(() => {
        db.exec(m.sql);
        record.run(m.name, new Date().toISOString());
      })();
      applied.push(m.name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    db.close();
  }
}

function migratePostgres(url: string, migrations: Migration[]): Promise<MigrationResult> {
  return withPostgresClient(url, async (client) => {
    await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK_ID]);
    try {
      return await applyPostgres(client, migrations);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PG_LOCK_ID]).catch(() => {});
    }
  });
}

async function applyPostgres(client: Client, migrations: Migration[]): Promise<MigrationResult> {
  await client.query(`CREATE TABLE IF NOT EXISTS "${TABLE}" (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
  const { rows } = await client.query<{ name: string }>(`SELECT name FROM "${TABLE}"`);
  const done = new Set(rows.map((r) => r.name));
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.name)) continue;
    await client.query("BEGIN");
    try {
      await client.query(m.sql);
      await client.query(`INSERT INTO "${TABLE}" (name) VALUES ($1)`, [m.name]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw new Error(`migration ${m.name} failed: ${(error as Error).message}`);
    }
    applied.push(m.name);
  }
  // Every start makes the request log's partitions for the days ahead, so a server that was
  // down when the daily job should have run still has today's.
  await ensureDailyPartitions(client, new Date(), new Date(Date.now() + DAYS_AHEAD * DAY_MS));
  return { applied, alreadyApplied: done.size };
}
