// Reads Helicone's cache headers. Out-of-range values are a 400 naming the header.
import { badRequest } from "../gateway/errors";
import type { CacheSettings } from "./types";

const DAY = 86_400;
export const DEFAULT_TTL_SECONDS = 7 * DAY;
export const MAX_TTL_SECONDS = 365 * DAY;
export const MAX_BUCKET_SIZE = 20;

type Headers = Record<string, string | string[] | undefined>;

const one = (headers: Headers, name: string) => {
  const v = headers[name];
  return (Array.isArray(v) ? v[0] : v)?.trim();
};
const isTrue = (value: string | undefined) => value?.toLowerCase() === "true";

/** `a,b` and `"a","b"` alike (Helicone breaks on the first form). */
export function parseIgnoreKeys(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(",")
    .map((k) => k.trim().replace(/^["']|["']$/g, "").trim())
    .filter(Boolean);
}

/** max-age or s-maxage from Cache-Control (s-maxage wins, as for shared caches), capped at a year. */
function ttlFrom(cacheControl: string | undefined): number {
  if (!cacheControl) return DEFAULT_TTL_SECONDS;
  const directive = (name: string) => new RegExp(`(?:^|[,\\s])${name}\\s*=\\s*"?([^,"\\s]*)`, "i").exec(cacheControl)?.[1];
  const raw = directive("s-maxage") ?? directive("max-age");
  if (raw === undefined) return DEFAULT_TTL_SECONDS;
  if (!/^\d+$/.test(raw)) throw badRequest(`Cache-Control max-age must be a whole number of seconds, got "${raw}".`, "cache-control", "invalid_cache_header");
  return Math.min(Math.max(Number(raw), 1), MAX_TTL_SECONDS);
}

/** The request's cache settings, or null when it asked for no caching. */
export function readCacheSettings(headers: Headers): CacheSettings | null {
  const enabled = isTrue(one(headers, "helicone-cache-enabled"));
  const save = enabled || isTrue(one(headers, "helicone-cache-save"));
  const read = enabled || isTrue(one(headers, "helicone-cache-read"));
  if (!save && !read) return null;

  const bucketRaw = one(headers, "helicone-cache-bucket-max-size");
  let bucketSize = 1;
  if (bucketRaw !== undefined) {
    bucketSize = Number(bucketRaw);
    if (!/^\d+$/.test(bucketRaw) || bucketSize < 1 || bucketSize > MAX_BUCKET_SIZE) {
      throw badRequest(`Helicone-Cache-Bucket-Max-Size must be a whole number from 1 to ${MAX_BUCKET_SIZE}, got "${bucketRaw}".`, "helicone-cache-bucket-max-size", "invalid_cache_header");
    }
  }
  return {
    read,
    save,
    ttlSeconds: ttlFrom(one(headers, "cache-control")),
    bucketSize,
    seed: one(headers, "helicone-cache-seed") || undefined,
    ignoreKeys: parseIgnoreKeys(one(headers, "helicone-cache-ignore-keys")),
  };
}
