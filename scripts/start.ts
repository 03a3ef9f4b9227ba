// `npm start`: generates missing secrets, applies pending migrations, then serves the built app
// through server.ts: in this process, or in TOLLGATE_WORKERS worker processes (lib/cluster).
// A database that cannot be reached does not stop the start: the app comes up and /api/health
// reports the database as unreachable until it is back.
import cluster from "node:cluster";
import { config } from "dotenv";
import { ensureEnvFile } from "./lib/env-file";
import { migrate } from "../lib/db/migrate";
import { redactUrl, resolveDatabase } from "../lib/db/url";
import { workerCount } from "../lib/cluster/workers";

async function main() {
  if (!cluster.isWorker) {
    ensureEnvFile();
    config({ path: ".env", quiet: true });
  }
  (process.env as Record<string, string>).NODE_ENV = "production";
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOSTNAME ?? "0.0.0.0";
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  if (cluster.isWorker) {
    // A worker of the primary below, which has read the environment and applied the migrations.
    const { startWorker } = await import("../lib/cluster/worker");
    return startWorker(port, hostname);
  }
  const target = resolveDatabase();
  const workers = workerCount(process.env);
  const where = target.kind === "sqlite" ? target.file : redactUrl(target.url);
  try {
    const { applied } = await migrate(target);
    console.log(`database: ${target.kind} ${where} (${applied.length} migrations applied)`);
  } catch (error) {
    console.error(`database: ${target.kind} ${where} is unreachable or failed to migrate: ${(error as Error).message}`);
    console.error("starting anyway; GET /api/health reports the database state");
  }
  // Imported after the environment is final: the gateway reads it once.
  if (workers > 1) {
    const { runPrimary } = await import("../lib/cluster/primary");
    return runPrimary({ workers, target, port, hostname });
  }
  const { startServer } = await import("../server");
  await startServer({ port, hostname });
}

main().catch((error: Error) => {
  console.error(`start failed: ${error.message}`);
  process.exit(1);
});
