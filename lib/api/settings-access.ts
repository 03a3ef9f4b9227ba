// Access to workspace settings over /api/v1: any member reads them; changing them takes an
// owner or admin, and a browser session must send the change from the dashboard's own origin.
import "server-only";
import { type Channels, maskedChannels } from "../alerts/rules";
import { type ApiCaller, authenticateApi } from "../auth/api-auth";
import { canManageSettings } from "../auth/roles";
import { apiError, unauthorized } from "./responses";

/** Same-origin check for cookie-authenticated mutations (CSRF), on top of SameSite=Lax cookies. */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return request.headers.get("sec-fetch-site") !== "cross-site";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function settingsCaller(request: Request, access: "read" | "manage"): Promise<ApiCaller | Response> {
  const caller = await authenticateApi(request);
  if (!caller) return unauthorized();
  if (access === "read") return caller;
  if (!canManageSettings(caller.role)) return apiError("forbidden", "Only workspace owners and admins can change alerts and budgets.");
  if (caller.viaSession && !sameOrigin(request)) return apiError("forbidden", "Cross-site request refused.");
  return caller;
}

/** A rule or budget as this caller may see it: channel URLs masked unless they manage settings. */
export function forCaller<T extends { channels: Channels }>(caller: ApiCaller, item: T): T {
  return canManageSettings(caller.role) ? item : { ...item, channels: maskedChannels(item.channels) };
}
