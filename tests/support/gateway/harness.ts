// A gateway under test, wired to the fake providers and a fresh database, reachable over HTTP.
// Three entry points share one scenario list (scenarios.ts):
//   core   – the gateway core in this process on a plain Node server (no build needed);
//   server – `npm start`'s custom server, as a child process (needs `npm run build`);
//   next   – the Next route handlers under plain `next start` (needs `npm run build`).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { createApiKey } from "@/lib/db/api-keys";
import { serveGatewayPath } from "@/lib/gateway/node-handler";
import { createGateway, type Gateway } from "@/lib/gateway/runtime";
import { type FakeProviders, startFakeProviders } from "../fake-providers/server";
import { type DatabaseKind, type TestDatabase, createTestDatabase } from "../test-db";
import { type RunningApp, startApp } from "../app";

export type Entry = "core" | "server" | "next";

export interface GatewayHarness {
  entry: Entry;
  kind: DatabaseKind;
  /** Base URL without /v1. */
  url: string;
  /** A Tollgate key of the test workspace. */
  key: string;
  workspaceId: string;
  fake: FakeProviders;
  t: TestDatabase;
  /** Waits until the log row for this id is written, and returns it. */
  row: (id: string) => Promise<Awaited<ReturnType<TestDatabase["db"]["request"]["findUniqueOrThrow"]>>>;
  /** Stops only the gateway (SIGTERM for a child process), keeping the database to inspect. */
  stopApp: () => Promise<void>;
  /** Everything the app process printed (child processes only; "" for the in-process core). */
  output: () => string;
  /** The app's process (child-process entries only), for signals and memory readings. */
  process?: RunningApp;
  stop: () => Promise<void>;
}

/** Provider settings pointing every provider the tests use at the fake. */
export function fakeProviderEnv(fake: FakeProviders, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OPENAI_BASE_URL: `${fake.url}/v1`,
    OPENAI_API_KEY: "sk-gateway-openai",
    ANTHROPIC_BASE_URL: fake.url,
    ANTHROPIC_API_KEY: "sk-ant-gateway",
    GROQ_BASE_URL: `${fake.url}/v1`,
    GROQ_API_KEY: "gsk-gateway",
    GOOGLE_BASE_URL: `${fake.url}/v1`,
    GOOGLE_API_KEY: "goog-gateway",
    TOLLGATE_UPSTREAM_TIMEOUT_MS: "1500",
    TOLLGATE_STREAM_FIRST_BYTE_TIMEOUT_MS: "1500",
    TOLLGATE_STREAM_IDLE_TIMEOUT_MS: "1500",
    TOLLGATE_MAX_BODY_BYTES: String(256 * 1024),
    TOLLGATE_BUDGET_TTL_MS: "200",
    TOLLGATE_PROVIDER_KEY_TTL_MS: "200",
    // The fake's behaviour suffixes (gpt-4o-mini+error-503) are no model a provider lists; the
    // check for unknown models has its own suite, which turns it back on.
    TOLLGATE_UNKNOWN_MODELS: "allow",
    ...extra,
  };
}

export async function startCore(env: Record<string, string>, t: TestDatabase, clock?: () => Date): Promise<{ url: string; stop: () => Promise<void>; gateway: Gateway }> {
  const gateway = createGateway({ env: { ...process.env, ...env }, db: t.db, target: t.target, clock });
  const server: Server = createServer((req, res) => {
    if (!serveGatewayPath(gateway, req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    gateway,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await gateway.close();
    },
  };
}

/** Extra env for the gateway; a function receives the fake providers, for URLs that point at them. */
export type HarnessEnv = Record<string, string> | ((fake: FakeProviders) => Record<string, string>);

export async function startGatewayHarness(entry: Entry, kind: DatabaseKind, extraEnv: HarnessEnv = {}): Promise<GatewayHarness> {
  const t = await createTestDatabase(kind);
  const fake = await startFakeProviders();
  const workspace = await findOrCreateWorkspace("default", "Default", t.db);
  const { secret } = await createApiKey({ workspaceId: workspace.id, name: "tests" }, t.db);
  const env = fakeProviderEnv(fake, typeof extraEnv === "function" ? extraEnv(fake) : extraEnv);
  const app = entry === "core" ? await startCore(env, t) : await startApp(t.url, env, entry);
  let stopped: Promise<void> | undefined;
  const stopApp = () => (stopped ??= app.stop());
  return {
    entry,
    kind,
    url: app.url,
    key: secret,
    workspaceId: workspace.id,
    fake,
    t,
    row: async (id) => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const row = await t.db.request.findUnique({ where: { id } });
        if (row) return row;
        if (Date.now() > deadline) throw new Error(`no log row for ${id}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stopApp: () => stopApp(),
    output: () => ("output" in app ? app.output() : ""),
    process: "serverPid" in app ? app : undefined,
    stop: async () => {
      await stopApp();
      await fake.close();
      await t.drop();
    },
  };
}
