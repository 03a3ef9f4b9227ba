// `npm test`: the whole suite, the same on a laptop and in CI. Stops at the first failing step.
// Needs PostgreSQL (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres)
// because every database test runs on SQLite and on Postgres, and Chromium for the browser tests.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { Client } from "pg";
import { CHROMIUM_PATH } from "../tests/e2e/support/browser";
import { POSTGRES_ADMIN_URL } from "../tests/support/test-db";

const bin = (name: string) => `node_modules/.bin/${name}`;

const REPORT_DIR = ".tmp/test-reports";
const reporters = (name: string) => ["--reporter=default", "--reporter=json", `--outputFile.json=${REPORT_DIR}/${name}.json`];

/** Adds up the vitest JSON reports into one closing line. */
function totals() {
  let passed = 0;
  let failed = 0;
  for (const name of ["unit", "e2e"]) {
    const file = `${REPORT_DIR}/${name}.json`;
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number };
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  return `${passed} passed, ${failed} failed`;
}

const STEPS: { name: string; command: string[] }[] = [
  { name: "typecheck", command: [bin("tsc"), "--noEmit"] },
  { name: "lint", command: [bin("eslint"), "."] },
  { name: "unit and integration tests (SQLite and Postgres)", command: [bin("vitest"), "run", ...reporters("unit")] },
  { name: "production build", command: [bin("next"), "build"] },
  { name: "browser tests (Chromium)", command: [bin("vitest"), "run", "-c", "vitest.e2e.config.mts", ...reporters("e2e")] },
];

async function checkPostgres() {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
  } catch (error) {
    console.error(`npm test needs PostgreSQL at ${POSTGRES_ADMIN_URL.replace(/:[^:@/]*@/, ":***@")} (set TEST_POSTGRES_URL): ${(error as Error).message}`);
    process.exit(1);
  }
}

async function main() {
  await checkPostgres();
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(`npm test needs Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
    process.exit(1);
  }
  rmSync(REPORT_DIR, { recursive: true, force: true });
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", VITE_CONFIG_NATIVE_IGNORE_WARNING: "true" };
  for (const [i, step] of STEPS.entries()) {
    console.log(`\n▶ [${i + 1}/${STEPS.length}] ${step.name}`);
    const started = Date.now();
    const result = spawnSync(step.command[0]!, step.command.slice(1), { stdio: "inherit", env });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.status !== 0) {
      console.error(`\n✖ ${step.name} failed after ${seconds} s`);
      console.error(totals());
      process.exit(result.status ?? 1);
    }
    console.log(`✔ ${step.name} (${seconds} s)`);
  }
  console.log("\nAll checks passed.");
  console.log(totals());
}

main();
