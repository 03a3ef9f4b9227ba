// Who is calling /api/v1/*: a Tollgate API key (scripts) or a dashboard session (the UI).
import "server-only";
import { findActiveApiKey } from "../db/api-keys";
import { looksLikeApiKey } from "./api-keys";
import type { Role } from "./roles";
import { currentMember } from "./session";

export interface ApiCaller {
  workspaceId: string;
  /** Keys act with member rights; sessions with the member's role. */
  role: Role;
}

export async function authenticateApi(request: Request): Promise<ApiCaller | null> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (bearer) {
    if (!looksLikeApiKey(bearer)) return null;
    const key = await findActiveApiKey(bearer);
    return key ? { workspaceId: key.workspaceId, role: "member" } : null;
  }
  const member = await currentMember();
  return member ? { workspaceId: member.workspace.id, role: member.role } : null;
}
