// Who is calling /api/v1/*: a Tollgate API key (scripts) or a dashboard session (the UI).
import "server-only";
import { findActiveApiKey, keyCreatorRole } from "../db/api-keys";
import { looksLikeApiKey } from "./api-keys";
import { type Role, roleSchema } from "./roles";
import { currentMember } from "./session";

export interface ApiCaller {
  workspaceId: string;
  role: Role;
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
    return { workspaceId: key.workspaceId, role: role.success ? role.data : "member", viaSession: false };
  }
  const member = await currentMember();
  return member ? { workspaceId: member.workspace.id, role: member.role, viaSession: true } : null;
}
