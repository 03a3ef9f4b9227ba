// A comparable description of a database's tables, columns and indexes.
import Database from "better-sqlite3";
import { Client } from "pg";
import type { DatabaseTarget } from "@/lib/db/url";

const OWN_TABLE = "_tollgate_migrations";

export async function describeStructure(target: DatabaseTarget): Promise<string[]> {
  if (target.kind === "sqlite") {
    const db = new Database(target.file, { readonly: true });
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> ? ORDER BY name`).pluck().all(OWN_TABLE) as string[];
      return tables.flatMap((t) => [
        // Column order is left out: ALTER TABLE … ADD COLUMN appends, a from-empty CREATE lists
        // columns in schema order, and neither changes what the table holds.
        ...db.prepare(`PRAGMA table_info("${t}")`).all().map((c) => `${t} column ${JSON.stringify({ ...(c as object), cid: undefined })}`),
        ...db.prepare(`PRAGMA foreign_key_list("${t}")`).all().map((f) => `${t} fk ${JSON.stringify({ ...(f as object), id: undefined, seq: undefined })}`),
        ...(db.prepare(`PRAGMA index_list("${t}")`).all() as { name: string; unique: number }[]).map(
          (i) => `${t} index ${i.name} unique=${i.unique} ${JSON.stringify((db.prepare(`PRAGMA index_info("${i.name}")`).all() as { seqno: number; name: string }[]).map(({ seqno, name }) => ({ seqno, name })))}`,
        ),
      ]).sort();
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: target.url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema='public' AND table_name <> $1`,
      [OWN_TABLE],
    );
    const indexes = await client.query(`SELECT tablename, indexdef FROM pg_indexes WHERE schemaname='public' AND tablename <> $1`, [OWN_TABLE]);
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace`,
    );
    return [
      ...columns.rows.map((r) => `column ${JSON.stringify(r)}`),
      ...indexes.rows.map((r) => `index ${JSON.stringify(r)}`),
      ...constraints.rows.map((r) => `constraint ${JSON.stringify(r)}`),
    ].sort();
  } finally {
    await client.end();
  }
}
