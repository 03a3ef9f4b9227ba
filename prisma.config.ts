// Prisma CLI configuration. The app itself connects through lib/db/client.ts; this file lets
// the CLI (generate, migrate diff, studio) run without downloading any engine binary.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL ?? "file:./data/tollgate.db";
const isPostgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", isPostgres ? "postgres" : "sqlite", "schema.prisma"),
  async adapter() {
    return isPostgres
      ? new PrismaPg({ connectionString: url })
      : new PrismaBetterSQLite3({ url: url.replace(/^file:/, "") });
  },
});
