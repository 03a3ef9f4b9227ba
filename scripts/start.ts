// `npm start`: generates missing secrets, applies pending migrations, then serves the built app.
// A database that cannot be reached does not stop the start: the app comes up and
// /api/health reports the database as unreachable until it is back.
import { spawn } from "node:child_process";
import { config } from "dotenv";
import { ensureEnvFile } from "./lib/env-file";
import { migrate } from "../lib/db/migrate";
import { redactUrl, resolveDatabase } from "../lib/db/url";

async function main() {
  ensureEnvFile();
  config({ path: ".env", quiet: true });
  const target = resolveDatabase();
  const where = target.kind === "sqlite" ? target.file : redactUrl(target.url);
  try {
    const { applied } = await migrate(target);
    console.log(`database: ${target.kind} ${where} (${applied.length} migrations applied)`);
  } catch (error) {
    console.error(`database: ${target.kind} ${where} is unreachable or failed to migrate: ${(error as Error).message}`);
    console.error("starting anyway; GET /api/health reports the database state");
  }
  const port = process.env.PORT ?? "3000";
  const host = process.env.HOSTNAME ?? "0.0.0.0";
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", port, "-H", host], {
    stdio: "inherit",
    env: { ...process.env, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}` },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

main();
