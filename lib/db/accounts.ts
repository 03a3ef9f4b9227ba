// Users, workspaces and memberships.
import { randomBytes } from "node:crypto";
import type { Role } from "../auth/roles";
import { type Db, db as defaultDb } from "./client";

export const DEFAULT_WORKSPACE_SLUG = "default";

export async function hasAnyUser(db: Db = defaultDb()): Promise<boolean> {
  return (await db.user.count()) > 0;
}

export function findUserByEmail(email: string, db: Db = defaultDb()) {
  return db.user.findUnique({ where: { email: normaliseEmail(email) } });
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function findOrCreateWorkspace(slug: string, name: string, db: Db = defaultDb()) {
  return db.workspace.upsert({
    where: { slug },
    update: {},
    create: { slug, name, webhookSecret: randomBytes(32).toString("hex") },
  });
}

export function findWorkspaceBySlug(slug: string, db: Db = defaultDb()) {
  return db.workspace.findUnique({ where: { slug } });
}

export interface NewUser {
  email: string;
  passwordHash: string | null;
  name?: string;
  workspaceSlug: string;
  workspaceName?: string;
  role: Role;
}

/** Creates a user and its membership of the workspace (created too when missing), atomically. */
export async function createUserWithMembership(input: NewUser, db: Db = defaultDb()) {
  return db.$transaction(async (tx) => {
    const workspace = await tx.workspace.upsert({
      where: { slug: input.workspaceSlug },
      update: {},
      create: {
        slug: input.workspaceSlug,
        name: input.workspaceName ?? input.workspaceSlug,
        webhookSecret: randomBytes(32).toString("hex"),
      },
    });
    const user = await tx.user.create({
      data: {
        email: normaliseEmail(input.email),
        name: input.name,
        passwordHash: input.passwordHash,
        memberships: { create: { workspaceId: workspace.id, role: input.role } },
      },
    });
    return { user, workspace };
  });
}

/** What deciding whether a session still counts needs: the email, and when sessions were last ended. */
export function findUserSessionState(id: string, db: Db = defaultDb()) {
  return db.user.findUnique({ where: { id }, select: { email: true, sessionsValidFrom: true } });
}

/** A new password; every session signed in before now is refused from now on. */
export async function setPassword(id: string, passwordHash: string, now: Date, db: Db = defaultDb()) {
  await db.user.update({ where: { id }, data: { passwordHash, sessionsValidFrom: now } });
}

/** Ends every session of the user (they sign in again). */
export async function endSessions(id: string, now: Date, db: Db = defaultDb()) {
  await db.user.update({ where: { id }, data: { sessionsValidFrom: now } });
}

/** The workspaces a user belongs to, oldest membership first. */
export function listMemberships(userId: string, db: Db = defaultDb()) {
  return db.membership.findMany({
    where: { userId },
    include: { workspace: true },
    orderBy: { createdAt: "asc" },
  });
}

/** Links a GitHub account to the user with that email; null when there is no such user. */
export async function linkGithubAccount(email: string, githubId: string, db: Db = defaultDb()) {
  const user = await findUserByEmail(email, db);
  if (!user || (user.githubId && user.githubId !== githubId)) return null;
  return user.githubId ? user : db.user.update({ where: { id: user.id }, data: { githubId } });
}

/** What notifications need of a workspace: its name, zone and webhook signing secret. */
export function findWorkspaceForNotices(id: string, db: Db = defaultDb()) {
  return db.workspace.findUnique({ where: { id }, select: { id: true, name: true, timeZone: true, webhookSecret: true } });
}

/** A new webhook signing secret; receivers must switch to it (the old one stops verifying). */
export async function rotateWebhookSecret(id: string, db: Db = defaultDb()) {
  await db.workspace.update({ where: { id }, data: { webhookSecret: randomBytes(32).toString("hex") } });
}

/** The zone "today" and "this month" are counted in, for alerts and budgets. */
export async function setWorkspaceTimeZone(id: string, timeZone: string, db: Db = defaultDb()) {
  await db.workspace.update({ where: { id }, data: { timeZone } });
}

/** A new account with no membership yet (an invitation adds it). */
export function createUserForInvitation(input: { email: string; name?: string; passwordHash: string }, db: Db = defaultDb()) {
  return db.user.create({ data: { email: normaliseEmail(input.email), name: input.name, passwordHash: input.passwordHash } });
}
