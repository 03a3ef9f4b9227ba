// Bulk loads into an empty Postgres log: the secondary indexes of the request tables are dropped
// for the load and built again after it, which is several times faster than keeping them up to
// date row by row. Only when the tables start empty (a fresh database for a demo or a benchmark),
// and the indexes are rebuilt however the load ends.
import { withPostgresClient } from "../../lib/db/postgres-client";

const TABLES = ["Request", "RequestProperty"];

export function withoutSecondaryIndexes<T>(url: string, load: () => Promise<T>): Promise<T> {
  return withPostgresClient(url, async (client) => {
    const { rows: logged } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "Request") AS any`);
    if (logged[0]!.any) return await load();
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [TABLES],
    );
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    try {
      return await load();
    } finally {
      console.log(`generate-traffic: building ${indexes.length} indexes…`);
      await client.query("SET maintenance_work_mem = '512MB'");
      // pg_indexes defines a partitioned table's index "ON ONLY" the parent, which would leave
      // every day partition without it; built on the parent, it reaches each partition.
      for (const index of indexes) await client.query(index.definition.replace(" ON ONLY ", " ON "));
    }
  });
}
