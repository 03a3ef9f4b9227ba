// Generates the Prisma client for both databases (run by `npm install`).
import { execFileSync } from "node:child_process";
import { DATABASES, schemaPath } from "./lib/prisma-schemas";

for (const db of DATABASES) {
  execFileSync("npx", ["prisma", "generate", "--no-hints", "--schema", schemaPath(db)], {
    stdio: "inherit",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
