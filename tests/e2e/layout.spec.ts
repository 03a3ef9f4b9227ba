// Every page usable on a phone and by keyboard: a menu below 768 px, a skip link, the current page
// marked, the requests table keeping status and cost in view on a laptop, and no serious axe-core
// violation on the main pages.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { createUserWithMembership } from "@/lib/db/accounts";
import { seedDemoTraffic } from "../../scripts/lib/demo-traffic";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { launchBrowser } from "./support/browser";

const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

describe("layout and keyboard", () => {
  let h: GatewayHarness;
  let browser: Browser;

  beforeAll(async () => {
    h = await startGatewayHarness("server", "sqlite");
    await createUserWithMembership({ email: "walker@example.com", passwordHash: await hashPassword("correct-horse-9"), workspaceSlug: "default", role: "owner" }, h.t.db);
    await seedDemoTraffic(h.t.db, h.workspaceId, { count: 200 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function signedIn(width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(`${h.url}/login`);
    await page.getByLabel("Email").fill("walker@example.com");
    await page.getByLabel("Password").fill("correct-horse-9");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${h.url}/`);
    return page;
  }

  it("navigates on a phone through the menu, which keeps focus until closed", async () => {
    const page = await signedIn(375);
    await page.getByRole("button", { name: /Menu/ }).waitFor();
    // The sidebar is gone at this width; the menu holds the same links.
    expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
    await page.getByRole("button", { name: /Menu/ }).click();
    const menu = page.getByRole("dialog", { name: "Navigation" });
    await menu.waitFor();
    expect(await menu.getByRole("link", { name: "Overview" }).getAttribute("aria-current")).toBe("page");
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.closest("[role=dialog]") !== null)).toBe(true);
    }
    await page.keyboard.press("Escape");
    await menu.waitFor({ state: "detached" });
    await page.getByRole("button", { name: /Menu/ }).click();
    await menu.getByRole("link", { name: "Sessions" }).click();
    await page.waitForURL(/\/sessions/);
    await menu.waitFor({ state: "detached" });
    await page.getByRole("heading", { name: "Sessions" }).waitFor();
    await page.getByRole("navigation", { name: "Pages" }).waitFor();
    // Nothing but wide tables scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: "test-results/sessions-375.png", fullPage: true });
    await page.close();
  });

  it("starts keyboard users with a skip link, marks the current page, and keeps status and cost in view at 1,440 px", async () => {
    const page = await signedIn(1440);
    await page.goto(`${h.url}/requests`);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Requests" }).getAttribute("aria-current")).toBe("page");

    const table = page.getByRole("table", { name: "Requests" });
    await table.locator("tbody tr").first().waitFor();
    const viewport = page.viewportSize()!.width;
    for (const header of ["Status", "Cost"]) {
      const box = (await table.locator("th", { hasText: header }).first().boundingBox())!;
      expect(box.x + box.width, `${header} in view`).toBeLessThanOrEqual(viewport);
    }
    // Exact times to the millisecond on hover.
    expect(await table.locator("tbody tr").first().getAttribute("title")).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$/);
    // A focused row shows an outline.
    await table.locator("tbody tr").first().focus();
    await page.keyboard.press("ArrowDown");
    expect(await table.locator("tbody tr").nth(1).evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
    await page.close();
  });

  it("has no serious or critical axe-core violations on the main pages", async () => {
    const page = await signedIn(1280);
    const sessionId = (await h.t.db.request.findFirst({ where: { workspaceId: h.workspaceId, sessionId: { not: null } }, select: { sessionId: true } }))!.sessionId!;
    const requestId = (await h.t.db.request.findFirst({ where: { workspaceId: h.workspaceId }, select: { id: true } }))!.id;
    for (const path of ["/", "/requests", "/cost", "/users", "/properties", "/sessions", `/sessions/${encodeURIComponent(sessionId)}`, "/rate-limits", `/requests/${requestId}`, "/settings/keys"]) {
      await page.goto(`${h.url}${path}`);
      await page.waitForLoadState("networkidle");
      await page.addScriptTag({ content: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run(document, { resultTypes: ["violations"] });
        return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
      });
      expect(violations, path).toEqual([]);
      if (path.startsWith("/sessions/")) await page.screenshot({ path: "test-results/session-timeline.png", fullPage: true });
    }
    await page.close();
  });
});
