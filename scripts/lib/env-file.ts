import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const GENERATED = ["NEXTAUTH_SECRET", "TOLLGATE_SECRET"] as const;

/**
 * Makes sure .env holds the secrets the app needs, generating any that are missing from
 * both the file and the environment. Existing values are never changed: TOLLGATE_SECRET
 * encrypts stored provider keys. Returns the names it generated.
 */
export function ensureEnvFile(file = ".env"): string[] {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const added: string[] = [];
  let next = text;
  for (const name of GENERATED) {
    const inFile = new RegExp(`^${name}=.+`, "m").test(text);
    if (inFile || process.env[name]) continue;
    if (next && !next.endsWith("\n")) next += "\n";
    next += `${name}=${randomBytes(32).toString("base64url")}\n`;
    added.push(name);
  }
  if (added.length > 0) writeFileSync(file, next, { mode: 0o600 });
  return added;
}
