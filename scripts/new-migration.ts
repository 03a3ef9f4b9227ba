// Writes the next migration for both databases: `npm run db:migration -- add_budgets`.
// It regenerates the per-database schemas first, so edit prisma/models.prisma only.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DATABASES, migrationsDir, renderSchema, schemaPath } from "./lib/prisma-schemas";
import { diffSql, isEmptyDiff, listMigrations, snapshotPath } from "./lib/migration-files";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(2);
}

for (const db of DATABASES) {
  writeFileSync(schemaPath(db), renderSchema(db));
  mkdirSync(migrationsDir(db), { recursive: true });
  const snapshot = snapshotPath(db);
  const sql = diffSql(existsSync(snapshot) ? snapshot : null, schemaPath(db));
  if (isEmptyDiff(sql)) {
    console.log(`${db}: no schema change`);
    continue;
  }
  const number = String(listMigrations(db).length + 1).padStart(4, "0");
  const file = path.join(migrationsDir(db), `${number}_${name}.sql`);
  writeFileSync(file, sql);
  copyFileSync(schemaPath(db), snapshot);
  console.log(`${db}: wrote ${path.relative(process.cwd(), file)}`);
}
