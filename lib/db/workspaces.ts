// A workspace's life: made by a user who owns it, renamed, and deleted. Deleting hides it at once
// (no members, keys refused, provider keys gone, alerts and budgets off); the purge job then
// removes its rows in batches (lib/retention/purge.ts) and finally the workspace itself.
import { randomBytes } from "node:crypto";
import { type Db, db as defaultDb, dialectOf } from "./client";
import { ROLLUP_TABLES } from "./rollups";

/** A URL-safe slug from a workspace's name; a random suffix keeps it unique. */
const slugOf = (name: string) =>
  name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "workspace";

/** A new workspace owned by this user, in one insert. */
export async function createWorkspaceWithOwner(userId: string, name: string, db: Db = defaultDb()) {
  const base = slugOf(name);
  const slug = (await db.workspace.findUnique({ where: { slug: base } })) ? `${base}-${randomBytes(3).toString("hex")}` : base;
  return db.workspace.create({
    data: { slug, name, webhookSecret: randomBytes(32).toString("hex"), memberships: { create: { userId, role: "owner" } } },
  });
}

export async function renameWorkspace(id: string, name: string, db: Db = defaultDb()) {
  await db.workspace.update({ where: { id }, data: { name } });
}

/**
 * Hides the workspace from everyone and stops everything it does; its data goes with the next
 * purge. Its slug is freed at once, so a new workspace (or the CLI's default) can take it.
 */
export async function markWorkspaceDeleted(id: string, now: Date, db: Db = defaultDb()) {
  await db.$transaction([
    db.workspace.update({ where: { id }, data: { deletedAt: now, slug: `deleted-${id}` } }),
    db.membership.deleteMany({ where: { workspaceId: id } }),
    db.invitation.deleteMany({ where: { workspaceId: id } }),
    db.apiKey.updateMany({ where: { workspaceId: id, revokedAt: null }, data: { revokedAt: now } }),
    db.providerKey.deleteMany({ where: { workspaceId: id } }),
    db.alertRule.updateMany({ where: { workspaceId: id }, data: { enabled: false } }),
    db.budget.updateMany({ where: { workspaceId: id }, data: { enabled: false } }),
  ]);
}

export async function deletedWorkspaceIds(db: Db = defaultDb()): Promise<string[]> {
  return (await db.workspace.findMany({ where: { deletedAt: { not: null } }, select: { id: true } })).map((w) => w.id);
}

/**
 * After its requests are gone: the tables without a foreign key to the workspace (rollups,
 * cached responses, dead-lettered log rows, stray properties), then the workspace, whose other
 * rows cascade with it.
 */
export async function removeDeletedWorkspace(id: string, db: Db = defaultDb()) {
  const param = dialectOf(db) === "postgres" ? "$1" : "?";
  await db.$transaction([
    db.requestProperty.deleteMany({ where: { workspaceId: id } }),
    ...ROLLUP_TABLES.map(({ table }) => db.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "workspaceId" = ${param}`, id)),
    db.cacheEntry.deleteMany({ where: { workspaceId: id } }),
    db.logDeadLetter.deleteMany({ where: { workspaceId: id } }),
    db.workspace.delete({ where: { id } }),
  ]);
}
