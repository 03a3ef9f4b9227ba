import bcrypt from "bcryptjs";
import { z } from "zod";

const BCRYPT_ROUNDS = 12;

// A few passwords that pass the length rule but are guessed first.
const COMMON = new Set(["password123", "password1234", "1234567890", "qwertyuiop", "letmein1234", "administrator"]);

/** The rule for new passwords, with messages shown next to the field. */
export const newPasswordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.")
  .refine((p) => !COMMON.has(p.toLowerCase()), "This password is too common.")
  .refine((p) => /[a-zA-Z]/.test(p) && /[^a-zA-Z]/.test(p), "Mix letters with digits or symbols.")
  .refine((p) => new Set(p).size >= 5, "Use more varied characters.");

export const hashPassword = (password: string) => bcrypt.hash(password, BCRYPT_ROUNDS);

export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);
