// The journal that keeps queued log rows through a kill needs a folder that takes writes. When
// it does not (a full or read-only disk; here the folder is replaced by a file), calls are still
// answered and logged, and /api/health, /metrics and the dashboard say at once that a kill would
// lose the rows in memory; when the folder takes writes again, all of it clears by itself.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership } from "@/lib/db/accounts";
import { health, healthUntil, metric } from "../support/app-state";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { call } from "../support/load";
import { launchBrowser } from "./support/browser";

const chat = { path: "/v1/chat/completions", body: { model: "gpt-4o-mini", messages: [{ role: "user", content: "journal?" }] } };

describe("a journal folder that refuses writes (npm start, sqlite)", () => {
  const root = mkdtempSync(path.join(tmpdir(), "tollgate-journal-"));
  const dir = path.join(root, "spill");
  let h: GatewayHarness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startGatewayHarness("server", "sqlite", { TOLLGATE_LOG_SPILL_DIR: dir });
    await createUserWithMembership({ email: "owner@example.com", passwordHash: await hashPassword("correct-horse-9"), workspaceSlug: "default", role: "owner" }, h.t.db);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("still logs every call, says so in health, metrics and the dashboard, and clears once it takes writes", async () => {
    await h.row((await call(h.url, chat, h.key)).id!);
    expect((await health(h.url)).status).toBe("ok");

    rmSync(dir, { recursive: true });
    writeFileSync(dir, "a file where the folder was");
    const during = await call(h.url, chat, h.key);
    expect(during.status).toBe(200);
    await h.row(during.id!); // the database takes it as ever
    const degraded = await healthUntil(h.url, (s) => s.log.journalError !== undefined);
    expect(degraded.status).toBe("degraded");
    expect(degraded.reasons!.join(" ")).toContain("would be lost if the process were killed");
    expect(await metric(h.url, "tollgate_log_journal_failing")).toBe(1);

    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${h.url}/login`);
    await page.getByLabel("Email").fill("owner@example.com");
    await page.getByLabel("Password").fill("correct-horse-9");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${h.url}/`);
    const banner = page.getByRole("status").filter({ hasText: "Request log:" });
    expect(await banner.textContent()).toContain("journal cannot be written");

    rmSync(dir); // every worker finds out by itself, calls or not
    expect(await healthUntil(h.url, (s) => s.status === "ok")).toMatchObject({ log: { pending: 0, dropped: 0 } });
    await h.row((await call(h.url, chat, h.key)).id!);
    expect(await metric(h.url, "tollgate_log_journal_failing")).toBe(0);
    await page.reload();
    expect(await page.getByRole("status").filter({ hasText: "Request log:" }).count()).toBe(0);
    await page.close();
  });
});
