// Validated environment. Read lazily so scripts and tests can set variables first.
import { z } from "zod";

const optional = z.string().trim().min(1).optional().catch(undefined);

const schema = z.object({
  DATABASE_URL: optional,
  REDIS_URL: optional,
  NEXTAUTH_URL: optional,
  NEXTAUTH_SECRET: optional,
  TOLLGATE_SECRET: optional,
  GITHUB_ID: optional,
  GITHUB_SECRET: optional,
});

export type Env = z.infer<typeof schema>;

export const env = (): Env => schema.parse(process.env);

/** A secret that must be set; scripts/prepare-env.ts writes both into .env on first run. */
export function requireSecret(name: "NEXTAUTH_SECRET" | "TOLLGATE_SECRET"): string {
  const value = env()[name];
  if (!value || value.length < 32) {
    throw new Error(`${name} must be set to at least 32 characters (npm run demo or npm start writes one into .env)`);
  }
  return value;
}
