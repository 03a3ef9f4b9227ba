// Outgoing notification POSTs (Slack, webhooks) to URLs that workspace admins typed in. The
// targets are checked where the socket connects, on every address DNS returns, so a hostname
// cannot point Tollgate at its own network (SSRF), not even by re-resolving after a check.
// TOLLGATE_ALLOW_PRIVATE_WEBHOOKS=1 lifts the check for self-hosters on internal networks.
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, request } from "undici";

export class BlockedTargetError extends Error {}

/** Public unicast addresses only: no loopback, private, link-local, CGNAT, multicast or reserved. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}

const refuse = (host: string, address: string) =>
  new BlockedTargetError(`${host} resolves to ${address}, a private or local address; set TOLLGATE_ALLOW_PRIVATE_WEBHOOKS=1 to allow internal targets`);

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const blocked = addresses.find((a) => !isPublicAddress(a.address));
    if (blocked) return callback(refuse(hostname, blocked.address), "", 0);
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

const guardedAgent = new Agent({ connect: { lookup: guardedLookup }, keepAliveTimeout: 1000 });
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
  if (target.protocol !== "http:" && target.protocol !== "https:") throw new BlockedTargetError(`Only http and https URLs can be notified, not ${target.protocol}`);
  const literal = target.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && ipaddr.isValid(literal) && !isPublicAddress(literal)) throw refuse(literal, literal);
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
