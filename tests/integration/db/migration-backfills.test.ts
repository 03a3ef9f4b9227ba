// Migrations that copy data land it on the rows a running install already has: the database is
// migrated to just before the migration, given rows, then migrated the rest of the way.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { migrate, migrationsFor } from "@/lib/db/migrate";
import type { DatabaseTarget } from "@/lib/db/url";
import { sqliteTimestamp } from "@/lib/db/timestamps";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

describe.each(DATABASE_KINDS)("data migrations on %s", (kind) => {
  let t: TestDatabase | undefined;
  afterEach(() => t?.drop());

  it("0015 gives each existing property row its request's cost, null when unpriced", async () => {
    const all = migrationsFor({ kind } as DatabaseTarget);
    const before = all.slice(0, all.findIndex((m) => m.name.startsWith("0015_")));
    t = await createTestDatabase(kind, { migrations: before });
    const ws = randomUUID();
    const at = new Date("2026-11-20T10:00:00Z");
    const time = kind === "postgres" ? at.toISOString() : sqliteTimestamp(at);
    const p = (n: number) => (kind === "postgres" ? `$${n}` : "?");
    await t.db.$executeRawUnsafe(`INSERT INTO "Workspace" ("id", "slug", "name", "webhookSecret", "createdAt", "updatedAt") VALUES (${p(1)}, ${p(2)}, 'W', 's', ${p(3)}, ${p(4)})`, ws, `ws-${ws}`, time, time);
    for (const [id, cost] of [["priced", "9007199254740993"], ["unpriced", null]] as const) {
      await t.db.$executeRawUnsafe(
        `INSERT INTO "Request" ("id", "workspaceId", "createdAt", "provider", "modelRequested", "path", "status", "latencyMs", "costNanoUsd") VALUES (${p(1)}, ${p(2)}, ${p(3)}, 'openai', 'm', '/v1/chat/completions', 200, 5, ${p(4)})`,
        id, ws, time, cost === null ? null : kind === "postgres" ? cost : BigInt(cost),
      );
      for (const key of ["workflow", "customer"]) {
        await t.db.$executeRawUnsafe(`INSERT INTO "RequestProperty" ("requestId", "workspaceId", "key", "value", "createdAt") VALUES (${p(1)}, ${p(2)}, ${p(3)}, 'v', ${p(4)})`, id, ws, key, time);
      }
    }
    await migrate(t.target);
    const rows = await t.db.requestProperty.findMany({ where: { workspaceId: ws }, orderBy: [{ requestId: "asc" }, { key: "asc" }], select: { requestId: true, key: true, costNanoUsd: true } });
    expect(rows).toEqual([
      { requestId: "priced", key: "customer", costNanoUsd: 9_007_199_254_740_993n },
      { requestId: "priced", key: "workflow", costNanoUsd: 9_007_199_254_740_993n },
      { requestId: "unpriced", key: "customer", costNanoUsd: null },
      { requestId: "unpriced", key: "workflow", costNanoUsd: null },
    ]);
  });
});
