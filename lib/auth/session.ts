// Who is signed in, for pages, route handlers and server actions.
import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { listMemberships } from "../db/accounts";
import { authOptions } from "./options";
import { type Role, roleSchema } from "./roles";

export interface Member {
  userId: string;
  email: string;
  role: Role;
  workspace: { id: string; slug: string; name: string; timeZone: string };
}

/**
 * The signed-in member, or null. The first workspace is current until the switcher exists.
 * Cached per request: the layout and the page both ask.
 */
export const currentMember = cache(async (): Promise<Member | null> => {
  const session = await getServerSession(authOptions());
  const userId = session?.user?.id;
  if (!userId) return null;
  const [membership] = await listMemberships(userId);
  if (!membership) return null;
  const { id, slug, name, timeZone } = membership.workspace;
  return { userId, email: session.user?.email ?? "", role: roleSchema.parse(membership.role), workspace: { id, slug, name, timeZone } };
});

/** For dashboard pages: the signed-in member, or a redirect to /login. */
export async function requireMember(): Promise<Member> {
  const member = await currentMember();
  if (!member) redirect("/login");
  return member;
}
