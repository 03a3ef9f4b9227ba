// A fresh, migrated database per test file, on SQLite or on the local Postgres server.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { type Db, createDb } from "@/lib/db/client";
import { type Migration, migrate } from "@/lib/db/migrate";
import { type DatabaseTarget, resolveDatabase } from "@/lib/db/url";

export const DATABASE_KINDS = ["sqlite", "postgres"] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

/** The server tests create their databases on; CI and the README's machine run it locally. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  target: DatabaseTarget;
  db: Db;
  drop: () => Promise<void>;
}

/** The URL of a database by that name on the test server. */
export function postgresUrlOf(name: string): string {
  const u = new URL(POSTGRES_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** One statement on the admin connection (CREATE/DROP/ALTER DATABASE). */
export async function adminQuery(sql: string) {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `migrations` overrides the checked-in chain (pass [] for an empty database). */
export async function createTestDatabase(kind: DatabaseKind, options: { migrations?: Migration[] } = {}): Promise<TestDatabase> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "tollgate-test-"));
    url = `file:${path.join(dir, "test.db")}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `tollgate_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    url = postgresUrlOf(name);
    cleanup = () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  const target = resolveDatabase(url);
  await migrate(target, options.migrations);
  const db = createDb(target);
  return {
    kind,
    url,
    target,
    db,
    drop: async () => {
      await db.$disconnect();
      await cleanup();
    },
  };
}
