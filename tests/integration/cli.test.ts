import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/passwords";
import { findActiveApiKey } from "@/lib/db/api-keys";
import { runScript } from "../support/run-script";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../support/test-db";

describe.each(DATABASE_KINDS)("npm run tollgate on %s", (kind) => {
  let t: TestDatabase;
  const cli = (...args: string[]) => runScript("scripts/cli.ts", args, { DATABASE_URL: t.url });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t?.drop());

  it("prints usage and exits 2 on a missing flag or unknown command", async () => {
    const missing = await cli("user", "create", "--email", "a@example.com");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing --password");
    expect(missing.stderr).toContain("usage: npm run tollgate");
    expect((await cli("frobnicate")).code).toBe(2);
    expect((await cli("key", "create", "--workspace", "default")).code).toBe(2);
    expect((await cli("user", "create", "--bogus")).code).toBe(2);
  });

  it("refuses a weak password with the rule it breaks", async () => {
    const weak = await cli("user", "create", "--email", "weak@example.com", "--password", "short");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("Use at least 10 characters.");
    expect(weak.stderr).not.toContain("short");
  });

  it("creates the owner, then a key that works until it is revoked", async () => {
    const created = await cli("user", "create", "--email", "Owner@Example.com", "--password", "correct-horse-9");
    expect(created.code).toBe(0);
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "owner@example.com" }, include: { memberships: { include: { workspace: true } } } });
    expect(await verifyPassword("correct-horse-9", user.passwordHash ?? "")).toBe(true);
    expect(user.memberships[0]).toMatchObject({ role: "owner", workspace: { slug: "default" } });

    const key = await cli("key", "create", "--workspace", "default", "--name", "ci");
    expect(key.code).toBe(0);
    const secret = key.stdout.trim();
    expect(secret).toMatch(/^tg_[A-Za-z0-9_-]{32}$/);
    const active = await findActiveApiKey(secret, t.db);
    expect(active).toMatchObject({ name: "ci", workspaceId: user.memberships[0]?.workspaceId });
    // Only the hash is stored.
    const stored = JSON.stringify(await t.db.apiKey.findMany());
    expect(stored).not.toContain(secret);

    const listed = await cli("key", "list", "--workspace", "default");
    expect(listed.stdout).toContain(`${active?.prefix}…`);
    expect(listed.stdout).not.toContain(secret);

    const revoked = await cli("key", "revoke", "--workspace", "default", "--prefix", active?.prefix ?? "");
    expect(revoked.code).toBe(0);
    expect(await findActiveApiKey(secret, t.db)).toBeNull();
    expect((await cli("key", "revoke", "--workspace", "default", "--prefix", active?.prefix ?? "")).code).toBe(1);
  });

  it("adds a second user to the workspace as a member", async () => {
    const second = await cli("user", "create", "--email", "dev@example.com", "--password", "another-pass-7");
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("member of workspace default");
  });

  it("sets a new password for a locked-out user and ends their sessions", async () => {
    const before = new Date();
    const changed = await cli("user", "password", "--email", "dev@example.com", "--password", "a-brand-new-pass-8");
    expect(changed.code).toBe(0);
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "dev@example.com" } });
    expect(await verifyPassword("a-brand-new-pass-8", user.passwordHash ?? "")).toBe(true);
    expect(user.sessionsValidFrom!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(changed.stdout).not.toContain("a-brand-new-pass-8");
    expect((await cli("user", "password", "--email", "nobody@example.com", "--password", "a-brand-new-pass-8")).code).toBe(1);
    expect((await cli("user", "password", "--email", "dev@example.com", "--password", "short")).code).toBe(1);
  });
});
