/** Where the data lives: an SQLite file (the embedded default) or a Postgres server. */
export type DatabaseTarget =
  | { kind: "sqlite"; file: string; url: string }
  | { kind: "postgres"; url: string };

export const DEFAULT_DATABASE_URL = "file:./data/tollgate.db";

export function resolveDatabase(url: string | undefined = process.env.DATABASE_URL): DatabaseTarget {
  const value = url?.trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: "postgres", url: value };
  if (value.startsWith("file:")) return { kind: "sqlite", file: value.slice("file:".length), url: value };
  throw new Error(`DATABASE_URL must start with file: or postgres://, got "${value.split(":")[0]}:…"`);
}

/** The URL with any password replaced, for logs and error messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, "//$1:***@");
}

/**
 * Session settings for the app's Postgres connections. JIT compilation kicks in on a query's
 * estimated cost, which spans every day partition of the request log, and then spends hundreds of
 * milliseconds compiling a plan for queries that read a few index pages.
 */
export const POSTGRES_SESSION_OPTIONS = "-c jit=off";
