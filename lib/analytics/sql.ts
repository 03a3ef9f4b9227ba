// Helpers for the few analytics queries written as raw SQL, in both dialects.
import { sqliteTimestamp } from "../db/timestamps";
import type { Granularity } from "./time-range";

export type Dialect = "sqlite" | "postgres";

/** Positional parameters, and timestamps the way each dialect stores and compares them. */
export function sql(dialect: Dialect) {
  const params: unknown[] = [];
  return {
    params,
    param(value: unknown) {
      params.push(value);
      return dialect === "postgres" ? `$${params.length}` : "?";
    },
    /** `column >= from AND column < to`. */
    within(column: string, window: { from: Date; to: Date }) {
      return `${column} >= ${this.time(window.from)} AND ${column} < ${this.time(window.to)}`;
    },
    time(value: Date) {
      params.push(dialect === "postgres" ? value.toISOString() : sqliteTimestamp(value));
      return dialect === "postgres" ? `$${params.length}::timestamp` : "?";
    },
  };
}

/** Whose requests a query reads: a workspace's, or one user's within it. */
export type Scope = string | { workspaceId: string; userId?: string };

/** The WHERE conditions of a scope, on the Request table aliased `r`. */
export function scopeWhere(q: ReturnType<typeof sql>, scope: Scope): string {
  const { workspaceId, userId } = typeof scope === "string" ? { workspaceId: scope, userId: undefined } : scope;
  return `r."workspaceId" = ${q.param(workspaceId)}${userId === undefined ? "" : ` AND r."userId" = ${q.param(userId)}`}`;
}

/** `%text%` for `LIKE … ESCAPE '\'`, with LIKE's own wildcards in `text` taken literally. */
export const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** SUM comes back as a number, a bigint or a Decimal depending on the dialect. */
export const toBigInt = (value: unknown) => (value === null || value === undefined ? 0n : typeof value === "bigint" ? value : BigInt(String(value).split(".")[0]!));

/** The time bucket of a timestamp column, labelled as time-range.ts bucketLabel() labels it. */
export function bucketOf(dialect: Dialect, granularity: Granularity, column: string): string {
  if (dialect === "postgres") {
    const format = { hour: `'YYYY-MM-DD"T"HH24":00"'`, day: `'YYYY-MM-DD'`, week: `'YYYY-MM-DD'`, month: `'YYYY-MM'` }[granularity];
    return `to_char(date_trunc('${granularity}', ${column}), ${format})`;
  }
  return {
    hour: `substr(${column}, 1, 13) || ':00'`,
    day: `substr(${column}, 1, 10)`,
    week: `date(substr(${column}, 1, 10), 'weekday 0', '-6 days')`,
    month: `substr(${column}, 1, 7)`,
  }[granularity];
}
