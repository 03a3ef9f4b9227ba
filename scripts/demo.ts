// `npm run demo`: everything a newcomer needs, in one command. It prepares .env, applies
// migrations, builds when needed, creates a demo account and demo traffic on first run,
// then runs the fake providers and the app on http://localhost:3000 (SQLite by default).
import { spawn, spawnSync } from "node:child_process";
import { config } from "dotenv";
import { ensureEnvFile } from "./lib/env-file";
import { buildIsStale } from "./lib/build-state";
import { seedDemoTraffic } from "./lib/demo-traffic";
import { startFakeProviders } from "../tests/support/fake-providers/server";
import { hashPassword } from "../lib/auth/passwords";
import { db } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { DEFAULT_WORKSPACE_SLUG, createUserWithMembership, findUserByEmail, findWorkspaceBySlug } from "../lib/db/accounts";
import { createApiKey } from "../lib/db/api-keys";

const DEMO_EMAIL = "demo@tollgate.local";
const DEMO_PASSWORD = "tollgate-demo-2026";
const FAKE_PORT = Number(process.env.FAKE_PROVIDERS_PORT ?? 4010);

async function ensureDemoData(): Promise<string | null> {
  if (!(await findUserByEmail(DEMO_EMAIL))) {
    await createUserWithMembership({
      email: DEMO_EMAIL,
      name: "Demo Owner",
      passwordHash: await hashPassword(DEMO_PASSWORD),
      workspaceSlug: DEFAULT_WORKSPACE_SLUG,
      workspaceName: "Demo workspace",
      role: "owner",
    });
  }
  const workspace = (await findWorkspaceBySlug(DEFAULT_WORKSPACE_SLUG))!;
  if ((await db().request.count({ where: { workspaceId: workspace.id } })) > 0) return null;
  const rows = await seedDemoTraffic(db(), workspace.id);
  console.log(`demo: wrote ${rows} requests of demo traffic`);
  const key = await createApiKey({ workspaceId: workspace.id, name: "demo" });
  return key.secret;
}

async function main() {
  ensureEnvFile();
  config({ path: ".env", quiet: true });
  await migrate();
  if (buildIsStale()) {
    console.log("demo: building the app (first run or sources changed)…");
    const build = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], { stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const newKey = await ensureDemoData();
  await db().$disconnect();

  const fake = await startFakeProviders({ port: FAKE_PORT });
  const port = process.env.PORT ?? "3000";
  const app = spawn(process.execPath, [require.resolve("tsx/cli"), "scripts/start.ts"], {
    stdio: "inherit",
    env: { ...process.env, PORT: port, OPENAI_BASE_URL: `${fake.url}/v1`, ANTHROPIC_BASE_URL: fake.url },
  });

  console.log(`
  Tollgate demo
  ─────────────
  Dashboard       http://localhost:${port}
  Sign in as      ${DEMO_EMAIL} / ${DEMO_PASSWORD}
  Fake providers  ${fake.url} (OpenAI and Anthropic wire formats)${newKey ? `\n  Demo API key    ${newKey}   (shown once)` : ""}

  Stop with Ctrl-C.
`);
  const stop = (signal: NodeJS.Signals) => {
    app.kill(signal);
    fake.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  app.on("exit", (code) => fake.close().then(() => process.exit(code ?? 0)));
}

main().catch((error: Error) => {
  console.error(`demo failed: ${error.message}`);
  process.exit(1);
});
