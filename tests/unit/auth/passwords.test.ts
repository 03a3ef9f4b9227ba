import { describe, expect, it } from "vitest";
import { hashPassword, newPasswordSchema, verifyPassword } from "@/lib/auth/passwords";

const problems = (p: string) => newPasswordSchema.safeParse(p).error?.issues.map((i) => i.message) ?? [];

describe("new password rule", () => {
  it.each([
    ["short", "Use at least 10 characters."],
    ["password123", "This password is too common."],
    ["abcdefghijkl", "Mix letters with digits or symbols."],
    ["aaaaaaaaaa11", "Use more varied characters."],
  ])("rejects %s with a clear message", (password, message) => {
    expect(problems(password)).toContain(message);
  });

  it("accepts a reasonable passphrase", () => {
    expect(problems("correct-horse-battery-9")).toEqual([]);
  });
});

describe("password hashing", () => {
  it("stores a bcrypt hash that verifies only the right password", async () => {
    const hash = await hashPassword("correct-horse-battery-9");
    expect(hash).toMatch(/^\$2[aby]\$12\$/);
    expect(await verifyPassword("correct-horse-battery-9", hash)).toBe(true);
    expect(await verifyPassword("correct-horse-battery-8", hash)).toBe(false);
  });
});
