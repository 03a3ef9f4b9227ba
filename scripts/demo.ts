// `npm run demo`: everything a newcomer needs, in one command. It prepares .env, applies
// migrations, builds when needed, creates a demo account and demo traffic on first run,
// then runs the fake providers and the app on http://localhost:3000 (SQLite by default).
import { spawn, spawnSync } from "node:child_process";
import { config } from "dotenv";
import { ensureEnvFile } from "./lib/env-file";
import { buildIsStale } from "./lib/build-state";
import { seedDemoSettings } from "./lib/demo-settings";
import { seedDemoTraffic } from "./lib/demo-traffic";
import { startFakeProviders } from "../tests/support/fake-providers/server";
import { hashPassword } from "../lib/auth/passwords";
import { db } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { DEFAULT_WORKSPACE_SLUG, createUserWithMembership, findUserByEmail, findWorkspaceBySlug } from "../lib/db/accounts";
import { createApiKey, revokeApiKey } from "../lib/db/api-keys";
import { sendDemoTraffic } from "./lib/demo-live-traffic";

const DEMO_EMAIL = "demo@tollgate.local";
const DEMO_PASSWORD = "tollgate-demo-2026";
const FAKE_PORT = Number(process.env.FAKE_PROVIDERS_PORT ?? 4010);

/** Every provider the demo routes to, pointed at the fake providers. */
function fakeProviderEnv(url: string): Record<string, string> {
  const env: Record<string, string> = { ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: "sk-demo" };
  for (const p of ["OPENAI", "GROQ", "GOOGLE", "MISTRAL"]) Object.assign(env, { [`${p}_BASE_URL`]: `${url}/v1`, [`${p}_API_KEY`]: "sk-demo" });
  return env;
}

/** A short burst of live calls through the gateway, with a key made for it and revoked after. */
async function sendLiveTraffic(port: string) {
  const workspace = (await findWorkspaceBySlug(DEFAULT_WORKSPACE_SLUG))!;
  const key = await createApiKey({ workspaceId: workspace.id, name: "demo traffic" });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${base}/api/health`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const { ok, failed } = await sendDemoTraffic(base, key.secret);
  await revokeApiKey(workspace.id, key.id);
  console.log(`demo: sent ${ok + failed} live requests through the gateway (${failed} rate-limited by the fake provider on purpose)`);
}

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
  await seedDemoSettings(db(), workspace.id);
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

  // One call in twelve gets a 429, as a busy provider answers: the dashboard shows errors too.
  const fake = await startFakeProviders({ port: FAKE_PORT, chaos: { every: 12, status: 429 } });
  const port = process.env.PORT ?? "3000";
  const app = spawn(process.execPath, [require.resolve("tsx/cli"), "scripts/start.ts"], {
    stdio: "inherit",
    env: { ...process.env, ...fakeProviderEnv(fake.url), PORT: port },
  });
  await sendLiveTraffic(port).catch((error: Error) => console.error(`demo: live traffic failed: ${error.message}`));

  console.log(`
  Tollgate demo
  ─────────────
  Dashboard       http://localhost:${port}
  Sign in as      ${DEMO_EMAIL} / ${DEMO_PASSWORD}
  Fake providers  ${fake.url} (every provider points here; no real keys needed)${newKey ? `\n  Demo API key    ${newKey}   (shown once)` : ""}

  Try it:
  curl http://localhost:${port}/v1/chat/completions -H "Authorization: Bearer ${newKey ?? "<your tg_ key>"}" \\
    -H "Content-Type: application/json" -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello!"}]}'

  Stop with Ctrl-C.
`);
  // The app flushes its request log on the signal, then exits; the fake providers follow.
  const stop = (signal: NodeJS.Signals) => app.kill(signal);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  app.on("exit", (code) => fake.close().then(() => process.exit(code ?? 0)));
}

main().catch((error: Error) => {
  console.error(`demo failed: ${error.message}`);
  process.exit(1);
});
