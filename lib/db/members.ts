// Members of a workspace, their roles, and invitations (a link with a secret token, stored as
// its SHA-256 only). A workspace always keeps at least one owner.
import type { Role } from "../auth/roles";
import { normaliseEmail } from "./accounts";
import { type Db, db as defaultDb } from "./client";
import { hashToken, newToken } from "./secret-token";

const INVITATION_DAYS = 7;

export function listMembers(workspaceId: string, db: Db = defaultDb()) {
  return db.membership.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" }, include: { user: { select: { email: true, name: true } } } });
}

export function findMembership(workspaceId: string, userId: string, db: Db = defaultDb()) {
  return db.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, include: { user: { select: { email: true } } } });
}

export class LastOwnerError extends Error {
  constructor() {
    super("A workspace needs at least one owner: make someone else owner first.");
  }
}

/** Changes a member's role or removes them (role null), never leaving the workspace without an owner. */
export async function setMemberRole(workspaceId: string, userId: string, role: Role | null, db: Db = defaultDb()) {
  await db.$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } });
    if (!membership) return;
    if (membership.role === "owner" && role !== "owner" && (await tx.membership.count({ where: { workspaceId, role: "owner" } })) <= 1) throw new LastOwnerError();
    if (role === null) await tx.membership.delete({ where: { id: membership.id } });
    else await tx.membership.update({ where: { id: membership.id }, data: { role } });
  });
}

export async function createInvitation(workspaceId: string, input: { email: string; role: Role; invitedById: string }, db: Db = defaultDb()) {
  const token = newToken();
  const invitation = await db.invitation.create({
    data: { workspaceId, email: normaliseEmail(input.email), role: input.role, invitedById: input.invitedById, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000) },
  });
  return { invitation, token };
}

export function listPendingInvitations(workspaceId: string, db: Db = defaultDb(), now = new Date()) {
  return db.invitation.findMany({ where: { workspaceId, acceptedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" } });
}

export async function revokeInvitation(workspaceId: string, id: string, db: Db = defaultDb()) {
  const { count } = await db.invitation.deleteMany({ where: { workspaceId, id, acceptedAt: null } });
  return count > 0;
}

/** A pending, unexpired invitation for this token, with its workspace's name. */
export function findOpenInvitation(token: string, db: Db = defaultDb(), now = new Date()) {
  return db.invitation.findFirst({ where: { tokenHash: hashToken(token), acceptedAt: null, expiresAt: { gt: now } }, include: { workspace: { select: { name: true } } } });
}

/** Makes the user a member with the invited role (an existing membership keeps its role), once. */
export async function acceptInvitation(invitationId: string, userId: string, db: Db = defaultDb()) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({ where: { id: invitationId, acceptedAt: null }, data: { acceptedAt: new Date() } });
    if (count === 0) return false; // accepted meanwhile
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    await tx.membership.upsert({
      where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId } },
      create: { workspaceId: invitation.workspaceId, userId, role: invitation.role },
      update: {},
    });
    return true;
  });
}
