import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Database, migrationsDir } from "./prisma-schemas";

/** The schema the latest migration brings a database to; the next migration diffs from it. */
export const snapshotPath = (db: Database) => path.join(migrationsDir(db), "schema.snapshot.prisma");

export function listMigrations(db: Database): string[] {
  const dir = migrationsDir(db);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
}

/** SQL that takes a database from schema `from` (null = empty) to schema `to`, via `prisma migrate diff`. */
export function diffSql(from: string | null, to: string): string {
  const args = ["prisma", "migrate", "diff", "--script"];
  args.push(...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]));
  args.push("--to-schema-datamodel", to);
  return execFileSync("npx", args, {
    encoding: "utf8",
    // prisma.config.ts opens DATABASE_URL through its adapter; point it away from real data.
    env: { ...process.env, CHECKPOINT_DISABLE: "1", DATABASE_URL: `file:${path.join(tmpdir(), "tollgate-diff.db")}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** True when the SQL does nothing (prisma prints a comment for an empty diff). */
export const isEmptyDiff = (sql: string) =>
  sql.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"));
