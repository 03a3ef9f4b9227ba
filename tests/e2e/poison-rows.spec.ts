// Rows that once stopped the log: values too long for an index (a body user, a session id, a
// property of 1,000 CJK characters, an unknown model of 3,000 characters), NUL characters and
// content nested 10,000 levels deep. Each is logged (clipped and flagged where it must be) and
// every row behind it is written. A row the database refuses outright (here: a constraint the
// test adds) is dead-lettered, the rows behind it are written, health, metrics and the
// dashboard say so, and an owner retries it from the browser once the cause is gone.
import { Client } from "pg";
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership } from "@/lib/db/accounts";
import { health, healthUntil, metric } from "../support/app-state";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { type CallSpec, call } from "../support/load";
import { recordFigures } from "../support/reliability-report";
import { DATABASE_KINDS, type TestDatabase } from "../support/test-db";
import { launchBrowser } from "./support/browser";

const chat = (body: Record<string, unknown>, headers: Record<string, string> = {}): CallSpec => ({
  path: "/v1/chat/completions",
  body: { model: "gpt-4o-mini", messages: [{ role: "user", content: "poison?" }], ...body },
  headers,
});

const POISON: Record<string, CallSpec> = {
  "body user of 3,000 characters": chat({ user: "u".repeat(3000) }),
  "session id of 3,000 characters": chat({}, { "helicone-session-id": "s".repeat(3000), "helicone-session-path": `/${"p".repeat(3000)}` }),
  // Header bytes are UTF-8, which Node's client only sends as a Latin-1 string of those bytes.
  "property of 1,000 CJK characters": chat({}, { "helicone-property-customer": Buffer.from("客".repeat(1000)).toString("latin1") }),
  "unknown model of 3,000 characters": chat({ model: "m".repeat(3000) }),
  "NUL characters": chat({ user: "a\u0000b" }, { "helicone-user-id": "x" }),
  "content nested 10,000 levels deep": { path: "/v1/chat/completions", body: `{"model":"gpt-4o-mini","messages":[{"role":"user","content":${"[".repeat(10_000)}${"]".repeat(10_000)}}]}`, headers: { "helicone-cache-enabled": "true" } },
};

/** A rule of the database's own that refuses rows of one model, as a real refusal would. */
async function refuseModel(t: TestDatabase, model: string, on: boolean) {
  if (t.target.kind === "sqlite") {
    const db = new Database(t.target.file);
    db.exec(on ? `CREATE TRIGGER refuse_model BEFORE INSERT ON "Request" WHEN NEW."modelRequested" = '${model}' BEGIN SELECT RAISE(ABORT, 'refused by the test''s trigger'); END` : "DROP TRIGGER refuse_model");
    db.close();
    return;
  }
  const client = new Client({ connectionString: t.url });
  await client.connect();
  await client.query(on ? `ALTER TABLE "Request" ADD CONSTRAINT refuse_model CHECK ("modelRequested" <> '${model}') NOT VALID` : `ALTER TABLE "Request" DROP CONSTRAINT refuse_model`);
  await client.end();
}

describe.each(DATABASE_KINDS)("poison rows on %s", (kind) => {
  let h: GatewayHarness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startGatewayHarness("server", kind);
    await createUserWithMembership({ email: "owner@example.com", passwordHash: await hashPassword("correct-horse-9"), workspaceSlug: "default", role: "owner" }, h.t.db);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  const normal = async (n: number) => Promise.all(Array.from({ length: n }, (_, i) => call(h.url, chat({ messages: [{ role: "user", content: `normal ${i}` }] }), h.key)));

  it("logs every poison row, clipped and flagged, and every row behind it", async () => {
    const poison = await Promise.all(Object.entries(POISON).map(async ([name, spec]) => [name, await call(h.url, spec, h.key)] as const));
    const after = await normal(50);
    for (const [name, outcome] of poison) {
      expect(outcome.status, name).toBeLessThan(500);
      expect(outcome.json, name).toBe(true);
    }
    const rows = await Promise.all([...poison.map(([, o]) => o), ...after].map((o) => h.row(o.id!)));
    expect(rows).toHaveLength(56);
    const byName = Object.fromEntries(poison.map(([name], i) => [name, rows[i]!]));
    expect(Buffer.byteLength(byName["body user of 3,000 characters"]!.userId!)).toBeLessThanOrEqual(1024);
    expect(JSON.parse(byName["body user of 3,000 characters"]!.clippedValues!).userId).toHaveLength(3000);
    expect(JSON.parse(byName["session id of 3,000 characters"]!.clippedValues!)).toMatchObject({ sessionId: "s".repeat(3000) });
    expect(JSON.parse(byName["property of 1,000 CJK characters"]!.clippedValues!)["property.customer"]).toBe("客".repeat(1000));
    expect(JSON.parse(byName["unknown model of 3,000 characters"]!.clippedValues!).modelRequested).toHaveLength(3000);
    expect(byName["content nested 10,000 levels deep"]!.status).toBe(400);
    const state = await healthUntil(h.url, (s) => s.log.pending === 0);
    expect(state).toMatchObject({ status: "ok", log: { deadLettered: 0, dropped: 0, deadLetters: 0 } });
    recordFigures(`poison rows, ${kind}`, { poison: poison.length, normalAfter: after.length, logged: rows.length, deadLettered: 0 });
  });

  it("dead-letters a row the database refuses, writes the rows behind it, says so, and retries it from the dashboard", async () => {
    await refuseModel(h.t, "openai/refuse-me", true);
    const refused = await call(h.url, chat({ model: "openai/refuse-me" }), h.key);
    const after = await normal(20);
    await Promise.all(after.map((o) => h.row(o.id!)));
    const degraded = await healthUntil(h.url, (s) => s.log.deadLetters === 1);
    expect(degraded.status).toBe("degraded");
    expect(degraded.reasons!.join(" ")).toContain("dead letters");
    expect(await metric(h.url, "tollgate_log_dead_letters")).toBe(1);
    expect(await h.t.db.request.count({ where: { id: refused.id! } })).toBe(0);

    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${h.url}/login`);
    await page.getByLabel("Email").fill("owner@example.com");
    await page.getByLabel("Password").fill("correct-horse-9");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${h.url}/`);
    const banner = page.getByRole("status").filter({ hasText: "Request log:" });
    expect(await banner.textContent()).toContain("1 log row refused by the database");
    await banner.getByRole("link", { name: "See the request log" }).click();
    await page.waitForURL(`${h.url}/settings/log`);
    const letter = page.getByRole("table").locator("tr", { hasText: "openai/refuse-me" });
    expect(await letter.textContent()).toMatch(/refuse/);

    await refuseModel(h.t, "openai/refuse-me", false); // the cause is fixed
    await letter.getByRole("button", { name: /Retry row/ }).click();
    await page.getByText("The database has refused no rows of this workspace.").waitFor();
    expect((await h.row(refused.id!)).modelRequested).toBe("openai/refuse-me");
    expect(await page.getByRole("status").filter({ hasText: "Request log:" }).count()).toBe(0);
    expect((await health(h.url)).status).toBe("ok");
    await page.close();
  });
});
