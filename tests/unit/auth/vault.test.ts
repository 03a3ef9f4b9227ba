import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, keyHint } from "@/lib/auth/vault";

const SECRET = "a-test-secret-of-at-least-thirty-two-characters";

describe("provider key vault", () => {
  it("round-trips a key and never stores it in clear", () => {
    const sealed = encryptSecret("sk-live-1234567890abcdef", SECRET);
    expect(sealed).not.toContain("sk-live");
    expect(Buffer.from(sealed, "base64").toString("utf8")).not.toContain("1234567890");
    expect(decryptSecret(sealed, SECRET)).toBe("sk-live-1234567890abcdef");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", SECRET)).not.toBe(encryptSecret("same", SECRET));
  });

  it("refuses data sealed under another secret or altered in transit", () => {
    const sealed = encryptSecret("sk-live-abc", SECRET);
    expect(() => decryptSecret(sealed, `${SECRET}-other`)).toThrow();
    const bytes = Buffer.from(sealed, "base64");
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(() => decryptSecret(bytes.toString("base64"), SECRET)).toThrow();
  });

  it("shows only the last four characters as a hint", () => {
    expect(keyHint("sk-live-abcdWXYZ")).toBe("WXYZ");
  });
});
