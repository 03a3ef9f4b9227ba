// The key a /api/v1/keys/:id request names, if the caller may change it: owners and admins any
// key of the workspace, members only the keys they created.
import "server-only";
import type { ApiCaller } from "../auth/api-auth";
import { canManageKey } from "../auth/roles";
import { findApiKey } from "../db/api-keys";
import { apiError } from "./responses";

export const keyNotFound = () => apiError("not_found", "No API key with this id in your workspace.");

export async function changeableKey(caller: ApiCaller, id: string) {
  const key = await findApiKey(caller.workspaceId, id);
  if (!key) return keyNotFound();
  if (!canManageKey({ role: caller.role, userId: caller.actor.userId ?? "" }, key)) return apiError("forbidden", "Members can change only the keys they created.");
  return key;
}
