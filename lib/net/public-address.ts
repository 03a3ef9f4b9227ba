// Outgoing calls to URLs that workspace members typed in (webhooks, Slack, custom provider base
// URLs) may reach public addresses only. The check runs where the socket connects, on every
// address DNS returns, so a hostname cannot point Tollgate at its own network (SSRF), not even
// by resolving differently after a check (DNS rebinding). Decimal, octal and hex IPv4 forms are
// normalised by the URL parser first, and IPv4-mapped IPv6 addresses are judged as IPv4.
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector } from "undici";

export class BlockedTargetError extends Error {}

/** Public unicast addresses only: no loopback, private, link-local, CGNAT, multicast or reserved. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}

export const blockedTarget = (host: string, address: string, allowSwitch: string) =>
  new BlockedTargetError(`${host} resolves to ${address}, a private or local address; the server's operator can set ${allowSwitch}=1 to allow internal targets`);

/** A DNS lookup that fails for any name with a non-public address. */
export function guardedLookup(allowSwitch: string): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const blocked = addresses.find((a) => !isPublicAddress(a.address));
      if (blocked) return callback(blockedTarget(hostname, blocked.address, allowSwitch), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** An undici Agent that connects to public addresses only: names through the guarded lookup, IP literals (which skip DNS) checked as they are. */
export function guardedAgent(allowSwitch: string, options: Omit<Agent.Options, "connect"> = {}): Agent {
  const connectByName = buildConnector({ lookup: guardedLookup(allowSwitch) });
  const connect: buildConnector.connector = (opts, callback) => {
    const host = opts.hostname.replace(/^\[|\]$/g, "");
    if (ipaddr.isValid(host) && !isPublicAddress(host)) return callback(blockedTarget(host, host, allowSwitch), null);
    return connectByName(opts, callback);
  };
  return new Agent({ ...options, connect });
}

/**
 * Why a URL may not be called: not http(s), or an IP literal (or localhost) that is not public.
 * Null when it may be tried (its name is still checked where it connects).
 */
export function targetProblem(url: string, allowSwitch: string): string | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return "Enter a full http:// or https:// URL";
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") return `Only http and https URLs can be called, not ${target.protocol}`;
  const host = target.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return blockedTarget(host, "127.0.0.1", allowSwitch).message;
  if (ipaddr.isValid(host) && !isPublicAddress(host)) return blockedTarget(host, host, allowSwitch).message;
  return null;
}
