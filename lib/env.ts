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

