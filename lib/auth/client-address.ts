// The client's address, for the per-address sign-in and reset limits. `npm start` appends the
// address it sees to X-Forwarded-For, as a proxy does, so the last entry is the socket's peer;
// with TOLLGATE_TRUSTED_PROXIES=N (one per proxy in front), the entry N from the end is the
// client as the outermost proxy saw it. Entries before that are whatever the client sent, so
// never trusted: a client cannot pick its own bucket.
import type { IncomingMessage } from "node:http";

export const trustedProxies = (env: Record<string, string | undefined> = process.env) => Math.max(0, Math.floor(Number(env.TOLLGATE_TRUSTED_PROXIES) || 0));

export function clientAddress(forwardedFor: string | string[] | null | undefined, hops = trustedProxies()): string | undefined {
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",").map((s) => s.trim()).filter(Boolean);
  return chain[Math.max(0, chain.length - 1 - hops)];
}

/** What a proxy does: the peer's address at the end of X-Forwarded-For (npm start, before Next). */
export function appendPeerAddress(req: IncomingMessage): void {
  const peer = req.socket.remoteAddress;
  if (!peer) return;
  const existing = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = existing ? `${Array.isArray(existing) ? existing.join(", ") : existing}, ${peer}` : peer;
}
