// Deleting a workspace, on both databases: at once it has no members, its keys are refused, its
// provider keys are gone and its alerts and budgets are off, and its slug is free; the next purge
// removes every row it had, rollups included, in batches, and nothing of another workspace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overviewTotals } from "@/lib/analytics/overview";
import { createUserWithMembership, findOrCreateWorkspace, listMemberships } from "@/lib/db/accounts";
import { createAlertRule } from "@/lib/db/alert-rules";
import { createApiKey, findActiveApiKey } from "@/lib/db/api-keys";
import { recordAudit } from "@/lib/db/audit";
import { createBudget } from "@/lib/db/budgets";
import { createInvitation } from "@/lib/db/members";
import { saveProviderKey } from "@/lib/db/provider-keys";
import { createRequestLogWriter } from "@/lib/db/request-log-writer";
import { ROLLUP_TABLES } from "@/lib/db/rollups";
import { markWorkspaceDeleted } from "@/lib/db/workspaces";
import { purgeAll } from "@/lib/retention/purge";
import { logRow } from "../../support/request-rows";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

const NOW = new Date("2026-11-26T12:30:00Z");
const WINDOW = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-27T00:00:00Z") };

describe.each(DATABASE_KINDS)("workspace deletion on %s", (kind) => {
  let t: TestDatabase;
  let gone: string;
  let kept: string;
  let ownerId: string;
  let keySecret: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ({ user: { id: ownerId } } = await createUserWithMembership({ email: "owner@example.com", passwordHash: null, workspaceSlug: "doomed", workspaceName: "Doomed", role: "owner" }, t.db));
    gone = (await findOrCreateWorkspace("doomed", "Doomed", t.db)).id;
    kept = (await findOrCreateWorkspace("kept", "Kept", t.db)).id;
    await t.db.membership.create({ data: { workspaceId: kept, userId: ownerId, role: "member" } });
    keySecret = (await createApiKey({ workspaceId: gone, name: "app", createdById: ownerId }, t.db)).secret;
    await saveProviderKey(gone, { provider: "openai", name: "default", baseUrl: null, apiKey: "sk-doomed-provider-key" }, "f".repeat(64), t.db);
    await createAlertRule(gone, { name: "a", enabled: true, metric: "requests", comparison: "gt", threshold: 1, window: { kind: "calendar_day" }, minRequests: 0, cooldownMinutes: 15, channels: { emails: [] } }, t.db);
    await createBudget(gone, { name: "b", enabled: true, scope: "workspace", limitUsd: 5, period: "month", action: "block", notifyAtPercent: [80], channels: { emails: [] } }, t.db);
    await createInvitation(gone, { email: "new@example.com", role: "viewer", invitedById: ownerId }, t.db);
    await recordAudit(gone, { userId: ownerId, label: "owner@example.com" }, { action: "alert.created", target: "a" }, t.db);
    const writer = createRequestLogWriter(t.target);
    await writer.writeBatch([
      ...Array.from({ length: 5 }, (_, i) => logRow(gone, { createdAt: new Date(NOW.getTime() - i * 86_400_000), userId: "u1", properties: [{ key: "team", value: "search" }] })),
      logRow(kept, { createdAt: NOW, costNanoUsd: 9n, properties: [{ key: "team", value: "kept" }] }),
    ]);
    await writer.writeDeadLetters([{ row: logRow(gone), error: "refused" }]);
    await writer.close();
  });
  afterAll(() => t?.drop());

  it("hides the workspace and stops its keys, provider keys, alerts and budgets at once", async () => {
    expect(await findActiveApiKey(keySecret, t.db)).not.toBeNull();
    await markWorkspaceDeleted(gone, NOW, t.db);
    expect((await listMemberships(ownerId, t.db)).map((m) => m.workspaceId)).toEqual([kept]);
    expect(await findActiveApiKey(keySecret, t.db)).toBeNull();
    expect(await t.db.providerKey.count({ where: { workspaceId: gone } })).toBe(0);
    expect(await t.db.invitation.count({ where: { workspaceId: gone } })).toBe(0);
    expect(await t.db.alertRule.count({ where: { workspaceId: gone, enabled: true } })).toBe(0);
    expect(await t.db.budget.count({ where: { workspaceId: gone, enabled: true } })).toBe(0);
    // The slug is free: the same name makes a new, empty workspace.
    expect((await findOrCreateWorkspace("doomed", "Doomed again", t.db)).id).not.toBe(gone);
  });

  it("removes every row of it with the next purge, and nothing of another workspace", async () => {
    const rollupRows = async (table: string) =>
      Number((await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT COUNT(*) AS n FROM "${table}" WHERE "workspaceId" = ${kind === "postgres" ? "$1" : "?"}`, gone))[0]!.n);
    for (const { table } of ROLLUP_TABLES) expect(await rollupRows(table), table).toBeGreaterThan(0);
    const keptBefore = await overviewTotals(kept, WINDOW, t.db);
    const result = await purgeAll(t.db, NOW, { batch: 2, pauseMs: 0 });
    expect(result).toEqual({ rowsDeleted: 5, bodiesCleared: 0, workspacesRemoved: 1 });
    expect(await t.db.workspace.count({ where: { id: gone } })).toBe(0);
    for (const table of ["request", "requestProperty", "alertRule", "budget", "auditEvent", "apiKey", "logDeadLetter"] as const) {
      expect(await (t.db[table] as unknown as { count: (q: object) => Promise<number> }).count({ where: { workspaceId: gone } }), table).toBe(0);
    }
    // Every rollup table, the next one added included.
    for (const { table } of ROLLUP_TABLES) expect(await rollupRows(table), table).toBe(0);
    expect(await overviewTotals(kept, WINDOW, t.db)).toEqual(keptBefore);
    expect(keptBefore.requests).toBe(1);
    expect(await t.db.requestProperty.count({ where: { workspaceId: kept } })).toBe(1);
    // Nothing is left to do on the next run.
    expect(await purgeAll(t.db, NOW, { batch: 2, pauseMs: 0 })).toEqual({ rowsDeleted: 0, bodiesCleared: 0, workspacesRemoved: 0 });
  });
});
