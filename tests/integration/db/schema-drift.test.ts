// Fails when someone edits a generated schema by hand, or changes prisma/models.prisma
// without running `npm run db:schemas` and `npm run db:migration -- <name>`.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DATABASES, renderSchema, schemaPath } from "../../../scripts/lib/prisma-schemas";
import { migrate, migrationsFor } from "@/lib/db/migrate";
import { describeStructure } from "../../support/db-structure";
import { createTestDatabase } from "../../support/test-db";
import { diffSql, isEmptyDiff, listMigrations, snapshotPath } from "../../../scripts/lib/migration-files";

describe.each(DATABASES)("prisma/%s", (db) => {
  it("schema.prisma is exactly what prisma/models.prisma generates", () => {
    expect(readFileSync(schemaPath(db), "utf8")).toBe(renderSchema(db));
  });

  it("has a migration for every change: the last snapshot matches the schema", () => {
    expect(listMigrations(db).length).toBeGreaterThan(0);
    expect(isEmptyDiff(diffSql(snapshotPath(db), schemaPath(db)))).toBe(true);
  });

  it("the migration chain builds exactly the schema that a from-empty diff builds", async () => {
    const kind = db;
    const [chained, direct] = await Promise.all([createTestDatabase(kind), createTestDatabase(kind, { migrations: [] })]);
    try {
      // What Prisma's schema cannot say: Postgres partitions the request log by day (0017).
      const physical = db === "postgres" ? migrationsFor(direct.target).filter((m) => m.name === "0017_partition_request_log.sql") : [];
      await migrate(direct.target, [{ name: "0001_from_empty.sql", sql: diffSql(null, schemaPath(db)) }, ...physical]);
      expect(await describeStructure(chained.target)).toEqual(await describeStructure(direct.target));
    } finally {
      await Promise.all([chained.drop(), direct.drop()]);
    }
  });
});
