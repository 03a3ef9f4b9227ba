// Helpers for the few analytics queries written as raw SQL, in both dialects.
import { sqliteTimestamp } from "../db/timestamps";

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

/** SUM comes back as a number, a bigint or a Decimal depending on the dialect. */
export const toBigInt = (value: unknown) => (value === null || value === undefined ? 0n : typeof value === "bigint" ? value : BigInt(String(value).split(".")[0]!));
