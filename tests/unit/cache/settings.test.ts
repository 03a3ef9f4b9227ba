import { describe, expect, it } from "vitest";
import { cacheKey, canonicalJson } from "@/lib/cache/key";
import { DEFAULT_TTL_SECONDS, MAX_TTL_SECONDS, parseIgnoreKeys, readCacheSettings } from "@/lib/cache/settings";

describe("cache headers", () => {
  it("switch caching on for both sides, or one", () => {
    expect(readCacheSettings({})).toBeNull();
    expect(readCacheSettings({ "helicone-cache-enabled": "false" })).toBeNull();
    expect(readCacheSettings({ "helicone-cache-enabled": "TRUE" })).toMatchObject({ read: true, save: true, bucketSize: 1, ttlSeconds: DEFAULT_TTL_SECONDS });
    expect(readCacheSettings({ "helicone-cache-save": "true" })).toMatchObject({ read: false, save: true });
    expect(readCacheSettings({ "helicone-cache-read": "true" })).toMatchObject({ read: true, save: false });
  });

  it.each([
    ["max-age=60", 60],
    ["public, s-maxage=120, max-age=60", 120],
    ["no-store", DEFAULT_TTL_SECONDS],
    [`max-age=${10 * MAX_TTL_SECONDS}`, MAX_TTL_SECONDS],
  ])("take the TTL from Cache-Control %s", (cacheControl, ttl) => {
    expect(readCacheSettings({ "helicone-cache-enabled": "true", "cache-control": cacheControl })?.ttlSeconds).toBe(ttl);
  });

  it("refuse a non-numeric max-age", () => {
    expect(() => readCacheSettings({ "helicone-cache-enabled": "true", "cache-control": "max-age=soon" })).toThrow(/whole number of seconds/);
  });

  it("read ignore keys in both of Helicone's forms", () => {
    expect(parseIgnoreKeys("user, metadata")).toEqual(["user", "metadata"]);
    expect(parseIgnoreKeys('"user","metadata"')).toEqual(["user", "metadata"]);
    expect(parseIgnoreKeys("")).toEqual([]);
  });
});

describe("cache key", () => {
  it("ignores key order at every depth but not array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    const s = { seed: undefined, ignoreKeys: [] };
    expect(cacheKey("w", "/v1/chat/completions", { model: "m", temperature: 0 }, s)).toBe(cacheKey("w", "/v1/chat/completions", { temperature: 0, model: "m" }, s));
  });

  it("separates workspaces, endpoints and seeds", () => {
    const body = { model: "m" };
    const s = { seed: undefined, ignoreKeys: [] };
    const base = cacheKey("w", "/v1/chat/completions", body, s);
    expect(cacheKey("other", "/v1/chat/completions", body, s)).not.toBe(base);
    expect(cacheKey("w", "/v1/completions", body, s)).not.toBe(base);
    expect(cacheKey("w", "/v1/chat/completions", body, { ...s, seed: "x" })).not.toBe(base);
  });
});
