// Who is calling /api/v1/*: a Tollgate API key (scripts) or a dashboard session (the UI).
import "server-only";
import { findActiveApiKey, keyCreatorRole } from "../db/api-keys";
import type { Actor } from "../db/audit";
import { looksLikeApiKey } from "./api-keys";
import { type Role, roleSchema } from "./roles";
import { currentMember } from "./session";

export interface ApiCaller {
  workspaceId: string;
  role: Role;
  /** Who the audit log names for this caller's changes. */
  actor: Actor;
  /** Signed in through the browser (mutations then need a same-origin request). */
  viaSession: boolean;
}

export async function authenticateApi(request: Request): Promise<ApiCaller | null> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (bearer) {
    if (!looksLikeApiKey(bearer)) return null;
    const key = await findActiveApiKey(bearer);
    if (!key) return null;
    // A key acts with its creator's current role, so an admin's key can manage settings from
    // scripts; a key without a creator in the workspace acts as a member.
    const role = roleSchema.safeParse(await keyCreatorRole(key));
    return { workspaceId: key.workspaceId, role: role.success ? role.data : "member", viaSession: false, actor: { userId: key.createdById, label: `API key ${key.prefix}…` } };
  }
  const member = await currentMember();
  return member ? { workspaceId: member.workspace.id, role: member.role, viaSession: true, actor: { userId: member.userId, label: member.email } } : null;
}
