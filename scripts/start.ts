// `npm start`: generates missing secrets, applies pending migrations, then serves the built app
// through server.ts. A database that cannot be reached does not stop the start: the app comes
// up and /api/health reports the database as unreachable until it is back.
import { config } from "dotenv";
import { ensureEnvFile } from "./lib/env-file";
import { migrate } from "../lib/db/migrate";
import { redactUrl, resolveDatabase } from "../lib/db/url";

async function main() {
  ensureEnvFile();
  config({ path: ".env", quiet: true });
  (process.env as Record<string, string>).NODE_ENV = "production";
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOSTNAME ?? "0.0.0.0";
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  const target = resolveDatabase();
  const where = target.kind === "sqlite" ? target.file : redactUrl(target.url);
  try {
    const { applied } = await migrate(target);
    console.log(`database: ${target.kind} ${where} (${applied.length} migrations applied)`);
  } catch (error) {
    console.error(`database: ${target.kind} ${where} is unreachable or failed to migrate: ${(error as Error).message}`);
    console.error("starting anyway; GET /api/health reports the database state");
  }
  // Imported after the environment is final: the gateway reads it once.
  const { startServer } = await import("../server");
  await startServer({ port, hostname });
}

main().catch((error: Error) => {
  console.error(`start failed: ${error.message}`);
  process.exit(1);
});
