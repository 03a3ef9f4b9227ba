// The origin people reach this Tollgate at, as the current page request shows it (behind a
// TLS-terminating proxy, from X-Forwarded-Proto): what snippets and cURL commands point at.
import "server-only";
import { headers } from "next/headers";

export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${h.get("host") ?? "localhost:3000"}`;
}
