import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signatureHeader, verifySignature } from "@/lib/alerts/signature";

const secret = "a-workspace-secret";
const body = JSON.stringify({ type: "alert.fired", value: 62.1 });
const now = new Date("2026-11-26T12:00:00Z");

describe("webhook signatures", () => {
  it("signs <unix time>.<raw body> with HMAC-SHA256, as the docs tell receivers to check", () => {
    const header = signatureHeader(secret, body, now);
    const t = Math.floor(now.getTime() / 1000);
    expect(header).toBe(`t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`);
  });

  it("verifies its own signatures and refuses tampering, other secrets and old deliveries", () => {
    const header = signatureHeader(secret, body, now);
    expect(verifySignature(secret, header, body, 300, now)).toBe(true);
    expect(verifySignature(secret, header, body.replace("62.1", "1"), 300, now)).toBe(false);
    expect(verifySignature("another-secret", header, body, 300, now)).toBe(false);
    expect(verifySignature(secret, header, body, 300, new Date(now.getTime() + 301_000))).toBe(false);
    expect(verifySignature(secret, "t=abc,v1=00", body, 300, now)).toBe(false);
    expect(verifySignature(secret, "", body, 300, now)).toBe(false);
  });
});
