// Bulk loads into an empty log: the secondary indexes of the request tables are dropped for the
// load and built again after it, which is several times faster than keeping them up to date row
// by row (on SQLite at ten million rows, random-key index pages no longer fit the page cache).
// Only when the tables start empty (a fresh database for a demo or a benchmark), and the indexes
// are rebuilt however the load ends.
import Database from "better-sqlite3";
import { withPostgresClient } from "../../lib/db/postgres-client";
import type { DatabaseTarget } from "../../lib/db/url";

const TABLES = ["Request", "RequestProperty"];

interface IndexDefinition {
  name: string;
  definition: string;
}

/** Drops `indexes`, runs the load, then creates them again with `create`. */
async function rebuiltAfter<T>(indexes: IndexDefinition[], drop: (name: string) => Promise<unknown>, create: (definition: string) => Promise<unknown>, load: () => Promise<T>): Promise<T> {
  for (const index of indexes) await drop(index.name);
  try {
    return await load();
  } finally {
    console.log(`generate-traffic: building ${indexes.length} indexes…`);
    for (const index of indexes) await create(index.definition);
  }
}

function withoutPostgresIndexes<T>(url: string, load: () => Promise<T>): Promise<T> {
  return withPostgresClient(url, async (client) => {
    const { rows: logged } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "Request") AS any`);
    if (logged[0]!.any) return await load();
    const { rows: indexes } = await client.query<IndexDefinition>(
      `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [TABLES],
    );
    await client.query("SET maintenance_work_mem = '512MB'"); // for the builds; the load has connections of its own
    return rebuiltAfter(
      indexes,
      (name) => client.query(`DROP INDEX "${name}"`),
      // pg_indexes defines a partitioned table's index "ON ONLY" the parent, which would leave
      // every day partition without it; built on the parent, it reaches each partition.
      (definition) => client.query(definition.replace(" ON ONLY ", " ON ")),
      load,
    );
  });
}

async function withoutSqliteIndexes<T>(file: string, load: () => Promise<T>): Promise<T> {
  const db = new Database(file);
  try {
    if (db.prepare(`SELECT 1 FROM "Request" LIMIT 1`).get()) return await load();
    // Indexes SQLite makes for keys have no SQL of their own and cannot be dropped.
    const indexes = db
      .prepare(`SELECT name, sql AS definition FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${TABLES.map(() => "?").join(", ")})`)
      .all(...TABLES) as IndexDefinition[];
    return await rebuiltAfter(
      indexes,
      async (name) => db.exec(`DROP INDEX "${name}"`),
      async (definition) => {
        db.pragma("cache_size = -524288"); // 512 MiB for the sorts, as maintenance_work_mem on Postgres
        db.exec(definition);
      },
      load,
    );
  } finally {
    db.close();
  }
}

export function withoutSecondaryIndexes<T>(target: DatabaseTarget, load: () => Promise<T>): Promise<T> {
  return target.kind === "postgres" ? withoutPostgresIndexes(target.url, load) : withoutSqliteIndexes(target.file, load);
}
