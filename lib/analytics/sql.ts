// Helpers for the few analytics queries written as raw SQL, in both dialects.
import { referenceOf, requestKeyOf, requestOfProperty } from "../db/partitions";
import { sqliteTimestamp } from "../db/timestamps";
import type { Granularity } from "./time-range";

export type Dialect = "sqlite" | "postgres";

/** Positional parameters, and timestamps the way each dialect stores and compares them. */
export function sql(dialect: Dialect) {
  const params: unknown[] = [];
  return {
    dialect,
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
    /** A property row `p` of request `r`, as a join condition. */
    requestOf: (r: string, p: string) => requestOfProperty(dialect, r, p),
    /** `r` is (or with `NOT IN`, is not) among the requests of the property rows `subquery` selects from `p`. */
    inProperties: (r: string, op: "IN" | "NOT IN", p: string, from: string) => `${requestKeyOf(dialect, r)} ${op} (SELECT ${referenceOf(dialect, p)} FROM ${from})`,
  };
}

/**
 * Whose requests a query reads: a workspace's, or within it those of one user, model, provider,
 * outcome or API key, and/or those carrying some property values (Workflow = research-agent).
 */
export type Scope =
  | string
  | { workspaceId: string; userId?: string; properties?: { key: string; value: string }[]; model?: string; provider?: string; status?: "success" | "error" | number; apiKeyId?: string };

export const scopeOf = (scope: Scope) => (typeof scope === "string" ? { workspaceId: scope, properties: [] } : { properties: [], ...scope });

/** Whether the scope is a whole workspace, the only scope the rollups can answer. */
export const isWholeWorkspace = (scope: Scope) => {
  const { properties, ...rest } = scopeOf(scope);
  return properties.length === 0 && Object.entries(rest).every(([key, value]) => key === "workspaceId" || value === undefined);
};

/** The WHERE conditions of a scope, on the Request table aliased `r`; as requests.ts filters the list. */
export function scopeWhere(q: ReturnType<typeof sql>, scope: Scope): string {
  const { workspaceId, userId, properties, model, provider, status, apiKeyId } = scopeOf(scope);
  let where = `r."workspaceId" = ${q.param(workspaceId)}`;
  if (userId !== undefined) where += ` AND r."userId" = ${q.param(userId)}`;
  if (model !== undefined) where += ` AND (r."modelRequested" = ${q.param(model)} OR r."modelServed" = ${q.param(model)})`;
  if (provider !== undefined) where += ` AND r."provider" = ${q.param(provider)}`;
  if (status === "success") where += ` AND r."status" < 400`;
  else if (status === "error") where += ` AND r."status" >= 400`;
  else if (status !== undefined) where += ` AND r."status" = ${q.param(status)}`;
  if (apiKeyId !== undefined) where += ` AND r."apiKeyId" = ${q.param(apiKeyId)}`;
  for (const p of properties) {
    where += ` AND ${q.inProperties("r", "IN", "s", `"RequestProperty" s WHERE s."workspaceId" = ${q.param(workspaceId)} AND s."key" = ${q.param(p.key.toLowerCase())} AND s."value" = ${q.param(p.value)}`)}`;
  }
  return where;
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
