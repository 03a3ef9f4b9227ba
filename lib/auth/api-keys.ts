import { hash, randomBytes } from "node:crypto";

/** Every Tollgate key starts with this, so leaked keys are easy to spot and scan for. */
export const API_KEY_PREFIX = "tg_";
const VISIBLE_LENGTH = 11; // "tg_" plus 8 characters

export interface NewApiKey {
  /** Shown to the user once, never stored. */
  secret: string;
  /** The start of the secret, stored and shown in lists. */
  prefix: string;
  /** SHA-256 hex of the secret: the only stored form. */
  hash: string;
}

export function generateApiKey(): NewApiKey {
  const secret = API_KEY_PREFIX + randomBytes(24).toString("base64url");
  return { secret, prefix: secret.slice(0, VISIBLE_LENGTH), hash: hashApiKey(secret) };
}

// One-shot hash: every gateway call hashes its key, and this is a quarter of createHash's cost.
export const hashApiKey = (secret: string) => hash("sha256", secret, "hex");

export const looksLikeApiKey = (value: string) => value.startsWith(API_KEY_PREFIX) && value.length > VISIBLE_LENGTH;
