// Who is signed in, for pages, route handlers and server actions.
import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { findUserSessionState, listMemberships } from "../db/accounts";
import { authOptions } from "./options";
import { type Role, canManageSettings, roleSchema } from "./roles";

export interface Member {
  userId: string;
  email: string;
  role: Role;
  workspace: { id: string; slug: string; name: string; timeZone: string };
}

/** The workspace the user last switched to; only honoured if they are still a member of it. */
export const WORKSPACE_COOKIE = "tollgate-workspace";

/** Makes this workspace the current one; Secure when the dashboard is served over HTTPS, as next-auth's cookies are. */
export async function rememberWorkspace(workspaceId: string): Promise<void> {
  (await cookies()).set(WORKSPACE_COOKIE, workspaceId, { httpOnly: true, sameSite: "lax", path: "/", secure: (process.env.NEXTAUTH_URL ?? "").startsWith("https://") });
}

/** The signed-in user, member of a workspace or not (after leaving their last one). Cached per request. */
export const currentUser = cache(async (): Promise<{ userId: string; email: string } | null> => {
  const session = await getServerSession(authOptions());
  const userId = session?.user?.id;
  if (!userId) return null;
  // The account may be gone, or its sessions ended by a password change since this one began.
  const user = await findUserSessionState(userId);
  if (!user || (user.sessionsValidFrom && (session.signedInAt ?? 0) < user.sessionsValidFrom.getTime())) return null;
  return { userId, email: user.email };
});

/** Back to the user's first workspace (after the current one is deleted). */
export async function forgetWorkspace(): Promise<void> {
  (await cookies()).delete(WORKSPACE_COOKIE);
}

/**
 * The signed-in member of their current workspace (the switcher's choice, else their first), or
 * null. Cached per request: the layout and the page both ask.
 */
export const currentMember = cache(async (): Promise<Member | null> => {
  const user = await currentUser();
  if (!user) return null;
  const memberships = await listMemberships(user.userId);
  const chosen = (await cookies()).get(WORKSPACE_COOKIE)?.value;
  const membership = memberships.find((m) => m.workspaceId === chosen) ?? memberships[0];
  if (!membership) return null;
  const { id, slug, name, timeZone } = membership.workspace;
  return { ...user, role: roleSchema.parse(membership.role), workspace: { id, slug, name, timeZone } };
});

/** The signed-in member if they are an owner or admin of their current workspace (settings actions). */
export async function currentManager(): Promise<Member | null> {
  const member = await currentMember();
  return member && canManageSettings(member.role) ? member : null;
}

/** For dashboard pages: the signed-in member; else to /login, or to make a workspace when they have none. */
export async function requireMember(): Promise<Member> {
  const member = await currentMember();
  if (member) return member;
  redirect((await currentUser()) ? "/workspaces/new" : "/login");
}
