// Access to workspace settings over /api/v1: any member reads them; changing them takes the role
// the setting needs, and a browser session must send the change from the dashboard's own origin.
import "server-only";
import { type Channels, maskedChannels } from "../alerts/rules";
import { type ApiCaller, authenticateApi } from "../auth/api-auth";
import { type Role, canCreateKeys, canManageSettings } from "../auth/roles";
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

interface Access {
  may: (role: Role) => boolean;
  refusal: string;
  /** A change: a browser session must send it from the dashboard's origin. */
  changes: boolean;
}

const ACCESS = {
  read: { may: () => true, refusal: "", changes: false },
  /** Alerts, budgets and the rest of the workspace's settings. */
  manage: { may: canManageSettings, refusal: "Only workspace owners and admins can change alerts and budgets.", changes: true },
  /** The audit log. */
  audit: { may: canManageSettings, refusal: "Only workspace owners and admins can read the audit log.", changes: false },
  /** API keys: members make and change their own (checked per key by the route). */
  keys: { may: canCreateKeys, refusal: "Viewers cannot create or change API keys.", changes: true },
} satisfies Record<string, Access>;

export async function settingsCaller(request: Request, access: keyof typeof ACCESS): Promise<ApiCaller | Response> {
  const caller = await authenticateApi(request);
  if (!caller) return unauthorized();
  const rule: Access = ACCESS[access];
  if (!rule.may(caller.role)) return apiError("forbidden", rule.refusal);
  if (rule.changes && caller.viaSession && !sameOrigin(request)) return apiError("forbidden", "Cross-site request refused.");
  return caller;
}

/** A rule or budget as this caller may see it: channel URLs masked unless they manage settings. */
export function forCaller<T extends { channels: Channels }>(caller: ApiCaller, item: T): T {
  return canManageSettings(caller.role) ? item : { ...item, channels: maskedChannels(item.channels) };
}
