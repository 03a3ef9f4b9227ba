// The cache key: a hash of everything that changes a model's answer, over canonical JSON so the
// order of keys in the body never matters.
import { createHash } from "node:crypto";
import type { CacheSettings } from "./types";

/** JSON with object keys sorted at every depth. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function cacheKey(workspaceId: string, endpointPath: string, body: Record<string, unknown>, settings: Pick<CacheSettings, "seed" | "ignoreKeys">): string {
  const kept = Object.fromEntries(Object.entries(body).filter(([k]) => !settings.ignoreKeys.includes(k)));
  const material = canonicalJson({ workspace: workspaceId, endpoint: endpointPath, seed: settings.seed ?? null, body: kept });
  return createHash("sha256").update(material).digest("hex");
}
