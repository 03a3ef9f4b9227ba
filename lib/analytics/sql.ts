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
    time(value: Date) {
      params.push(dialect === "postgres" ? value.toISOString() : sqliteTimestamp(value));
      return dialect === "postgres" ? `$${params.length}::timestamp` : "?";
    },
  };
}

/** SUM comes back as a number, a bigint or a Decimal depending on the dialect. */
export const toBigInt = (value: unknown) => (value === null || value === undefined ? 0n : typeof value === "bigint" ? value : BigInt(String(value).split(".")[0]!));
