// Password-reset links on both databases: one hour, one use, and two tabs racing with the same
// link set one password, not two.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithMembership } from "@/lib/db/accounts";
import { createPasswordReset, findOpenPasswordReset, redeemPasswordReset } from "@/lib/db/password-resets";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

const NOW = new Date("2026-11-26T12:00:00Z");

describe.each(DATABASE_KINDS)("password resets on %s", (kind) => {
  let t: TestDatabase;
  let userId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    userId = (await createUserWithMembership({ email: "sam@example.com", passwordHash: "old-hash", workspaceSlug: "default", role: "member" }, t.db)).user.id;
  });
  afterAll(() => t?.drop());

  it("works once within the hour, sets the password and ends every session", async () => {
    const token = await createPasswordReset(userId, NOW, t.db);
    expect(await t.db.passwordReset.findFirst({ where: { tokenHash: token } })).toBeNull(); // only the hash is stored
    expect((await findOpenPasswordReset(token, new Date(NOW.getTime() + 59 * 60_000), t.db))?.user.email).toBe("sam@example.com");
    expect(await findOpenPasswordReset(token, new Date(NOW.getTime() + 61 * 60_000), t.db)).toBeNull();
    expect(await redeemPasswordReset(token, "$2b$04$expired", new Date(NOW.getTime() + 61 * 60_000), t.db)).toBe(false);

    const at = new Date(NOW.getTime() + 60_000);
    const results = await Promise.all([redeemPasswordReset(token, "hash-from-tab-1", at, t.db), redeemPasswordReset(token, "hash-from-tab-2", at, t.db)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const user = await t.db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(["hash-from-tab-1", "hash-from-tab-2"]).toContain(user.passwordHash);
    expect(user.sessionsValidFrom).toEqual(at);
    expect(await redeemPasswordReset(token, "again", at, t.db)).toBe(false);
  });

  it("closes the user's other open links when one is used", async () => {
    const first = await createPasswordReset(userId, NOW, t.db);
    const second = await createPasswordReset(userId, NOW, t.db);
    expect(await redeemPasswordReset(second, "newest", new Date(NOW.getTime() + 1000), t.db)).toBe(true);
    expect(await findOpenPasswordReset(first, new Date(NOW.getTime() + 2000), t.db)).toBeNull();
  });
});
