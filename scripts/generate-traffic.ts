// `npm run generate-traffic -- --rows 1000000 --days 90 [--workspace default] [--writers N]`: fills the
// configured database (DATABASE_URL, else ./data/tollgate.db) with realistic traffic: every
// model, thousands of users, sessions and properties, including a 500-value `customer` key.
import "./lib/load-env";
import { parseArgs } from "node:util";
import { findOrCreateWorkspace } from "../lib/db/accounts";
import { createDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { redactUrl, resolveDatabase } from "../lib/db/url";
import { SCALE_TRAFFIC, writeBulkTraffic } from "./lib/bulk-traffic";

async function main() {
  const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, days: { type: "string", default: "90" }, workspace: { type: "string", default: "default" }, seed: { type: "string", default: "1" }, writers: { type: "string" } } });
  const rows = Number(values.rows);
  const days = Number(values.days);
  if (!Number.isInteger(rows) || rows < 1 || !(days > 0)) throw new Error("--rows must be a positive integer and --days a positive number");
  const target = resolveDatabase();
  await migrate(target);
  const db = createDb(target);
  const workspace = await findOrCreateWorkspace(values.workspace, values.workspace, db);
  await db.$disconnect();
  console.log(`generate-traffic: writing ${rows.toLocaleString("en-US")} requests over ${days} days into ${redactUrl(target.url)} (workspace ${values.workspace})`);
  const started = performance.now();
  const written = await writeBulkTraffic(target, workspace.id, { ...SCALE_TRAFFIC, count: rows, days, seed: Number(values.seed) }, (n) => console.log(`  ${n.toLocaleString("en-US")}`), values.writers ? Math.max(1, Number(values.writers)) : undefined);
  console.log(`generate-traffic: wrote ${written.toLocaleString("en-US")} requests in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: Error) => {
  console.error(`generate-traffic failed: ${error.message}`);
  process.exit(1);
});
