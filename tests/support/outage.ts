// Simulates a database that stops taking log writes: the Request table disappears and comes back.
import Database from "better-sqlite3";
import { Client } from "pg";
import type { TestDatabase } from "./test-db";

export async function renameRequestTable(t: TestDatabase, from: string, to: string) {
  const sql = `ALTER TABLE "${from}" RENAME TO "${to}"`;
  if (t.target.kind === "sqlite") {
    const db = new Database(t.target.file);
    db.pragma("busy_timeout = 5000");
    db.exec(sql);
    db.close();
  } else {
    const client = new Client({ connectionString: t.url });
    await client.connect();
    await client.query(sql);
    await client.end();
  }
}

export const takeLogTableOffline = (t: TestDatabase) => renameRequestTable(t, "Request", "Request_offline");
export const bringLogTableBack = (t: TestDatabase) => renameRequestTable(t, "Request_offline", "Request");
