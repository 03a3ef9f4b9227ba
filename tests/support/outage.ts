// Database outages for tests: the Request table disappears and comes back, or (Postgres) the
// database refuses every connection for a while.
import Database from "better-sqlite3";
import { Client } from "pg";
import { type TestDatabase, adminQuery } from "./test-db";

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

/**
 * A real Postgres outage for one database: new connections are refused and every open one is
 * terminated, the app's included. On SQLite, where a file cannot refuse its open handles, the
 * request table goes away instead.
 */
export async function cutDatabase(t: TestDatabase) {
  if (t.target.kind === "sqlite") return takeLogTableOffline(t);
  const name = new URL(t.url).pathname.slice(1);
  await adminQuery(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
  await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
}

export async function restoreDatabase(t: TestDatabase) {
  if (t.target.kind === "sqlite") return bringLogTableBack(t);
  await adminQuery(`ALTER DATABASE "${new URL(t.url).pathname.slice(1)}" ALLOW_CONNECTIONS true`);
}
