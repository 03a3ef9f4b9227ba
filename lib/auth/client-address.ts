// The client's address as the proxy in front reports it (the first X-Forwarded-For entry), for
// the per-address sign-in and reset limits. Next fills the header from the socket when no proxy
// set it.
export function clientAddress(forwardedFor: string | string[] | null | undefined): string | undefined {
  const first = (Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor)?.split(",")[0]?.trim();
  return first || undefined;
}
