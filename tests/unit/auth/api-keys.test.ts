import { describe, expect, it } from "vitest";
import { API_KEY_PREFIX, generateApiKey, hashApiKey, looksLikeApiKey } from "@/lib/auth/api-keys";

describe("generateApiKey", () => {
  it("returns a tg_ secret whose only stored forms are a SHA-256 hash and a short prefix", () => {
    const key = generateApiKey();
    expect(key.secret.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(key.secret.length).toBeGreaterThanOrEqual(35);
    expect(key.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(key.hash).toBe(hashApiKey(key.secret));
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    expect(key.prefix.length).toBe(11);
    expect(key.hash).not.toContain(key.secret.slice(3));
  });

  it("never repeats a secret", () => {
    const secrets = new Set(Array.from({ length: 500 }, () => generateApiKey().secret));
    expect(secrets.size).toBe(500);
  });

  it("recognises its own keys and rejects other strings", () => {
    expect(looksLikeApiKey(generateApiKey().secret)).toBe(true);
    expect(looksLikeApiKey("sk-proj-abc")).toBe(false);
    expect(looksLikeApiKey("tg_")).toBe(false);
  });
});
