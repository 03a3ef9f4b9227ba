// Outgoing notification POSTs (Slack, webhooks) to URLs that workspace admins typed in. The
// targets are checked where the socket connects, on every address DNS returns, so a hostname
// cannot point Tollgate at its own network (SSRF), not even by re-resolving after a check.
// TOLLGATE_ALLOW_PRIVATE_WEBHOOKS=1 lifts the check for self-hosters on internal networks.
import { Agent, request } from "undici";
import { BlockedTargetError, guardedAgent as publicOnlyAgent, targetProblem } from "../net/public-address";

export { BlockedTargetError, isPublicAddress } from "../net/public-address";

const ALLOW_SWITCH = "TOLLGATE_ALLOW_PRIVATE_WEBHOOKS";
const guardedAgent = publicOnlyAgent(ALLOW_SWITCH, { keepAliveTimeout: 1000 });
const openAgent = new Agent({ keepAliveTimeout: 1000 });

export const privateTargetsAllowed = (env: Record<string, string | undefined> = process.env) => env.TOLLGATE_ALLOW_PRIVATE_WEBHOOKS === "1";

export interface PostResult {
  status: number;
  /** The start of the answer, for the delivery log. */
  body: string;
}

/** POSTs `body` and reads the answer; redirects are not followed (they could lead inside). */
export async function safePost(url: string, body: string, headers: Record<string, string>, timeoutMs: number, allowPrivate = privateTargetsAllowed()): Promise<PostResult> {
  const target = new URL(url);
  const problem = targetProblem(url, ALLOW_SWITCH);
  if (problem && (!allowPrivate || !/^https?:$/.test(target.protocol))) throw new BlockedTargetError(problem);
  const response = await request(target, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "user-agent": "Tollgate-Alerts/1", ...headers },
    dispatcher: allowPrivate ? openAgent : guardedAgent,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: text.slice(0, 500) };
}
