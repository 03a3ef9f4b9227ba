// Writes prisma/{sqlite,postgres}/schema.prisma from prisma/models.prisma.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DATABASES, renderSchema, schemaPath } from "./lib/prisma-schemas";

for (const db of DATABASES) {
  mkdirSync(path.dirname(schemaPath(db)), { recursive: true });
  writeFileSync(schemaPath(db), renderSchema(db));
  console.log(`wrote ${path.relative(process.cwd(), schemaPath(db))}`);
}
