// Applies pending migrations to DATABASE_URL (default: the SQLite file under ./data).
import "./lib/load-env";
import { migrate } from "../lib/db/migrate";
import { redactUrl, resolveDatabase } from "../lib/db/url";

const target = resolveDatabase();
migrate(target)
  .then(({ applied, alreadyApplied }) => {
    const where = target.kind === "sqlite" ? target.file : redactUrl(target.url);
    console.log(`migrations: ${applied.length} applied, ${alreadyApplied} already applied (${target.kind} ${where})`);
  })
  .catch((error: Error) => {
    console.error(`migrations failed: ${error.message}`);
    process.exit(1);
  });
