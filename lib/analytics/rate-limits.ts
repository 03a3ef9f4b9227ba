// Rate limiting over time, per provider or per model: requests refused by providers (at any
// attempt) or by the gateway's own limits, and the headroom providers reported in their
// rate-limit headers (x-ratelimit-*, anthropic-ratelimit-*).
import { type Db, db as defaultDb, dialectOf } from "../db/client";
import type { Granularity, Window } from "./time-range";
import { type Dialect, bucketOf, sql } from "./sql";

export type RateLimitGroup = "provider" | "model";

export interface RateLimitedPoint {
  bucket: string;
  /** "provider 429 · <provider or model>" or "gateway 429 · <provider or model>" */
  series: string;
  requests: number;
}

export interface HeadroomPoint {
  bucket: string;
  /** The provider or the model. */
  group: string;
  /** The lowest share of the request limit left that the provider reported in the bucket, in %. */
  requestsLeftPercent: number | null;
  tokensLeftPercent: number | null;
}

const groupColumn = (group: RateLimitGroup) => (group === "provider" ? `r."provider"` : `COALESCE(r."modelServed", r."modelRequested")`);

/** A numeric field of the stored rate-limit headers, trying OpenAI's name then Anthropic's. */
function headerNumber(dialect: Dialect, names: string[]): string {
  const one = (name: string) => (dialect === "postgres" ? `NULLIF(r."rateLimitHeaders"::json->>'${name}', '')::bigint` : `CAST(json_extract(r."rateLimitHeaders", '$."${name}"') AS INTEGER)`);
  return `COALESCE(${names.map(one).join(", ")})`;
}

export async function rateLimitedSeries(workspaceId: string, window: Window, granularity: Granularity, group: RateLimitGroup = "provider", db: Db = defaultDb()): Promise<RateLimitedPoint[]> {
  const dialect = dialectOf(db);
  const q = sql(dialect);
  const text = `SELECT ${bucketOf(dialect, granularity, `r."createdAt"`)} AS bucket,
      CASE WHEN r."rateLimitedBy" = 'gateway' THEN 'gateway 429' ELSE 'provider 429' END || ' · ' || ${groupColumn(group)} AS series, COUNT(*) AS n
    FROM "Request" r WHERE r."workspaceId" = ${q.param(workspaceId)} AND r."rateLimitedBy" IS NOT NULL AND ${q.within(`r."createdAt"`, window)}
    GROUP BY 1, 2 ORDER BY 1`;
  const rows = await db.$queryRawUnsafe<{ bucket: string; series: string; n: unknown }[]>(text, ...q.params);
  return rows.map((r) => ({ bucket: String(r.bucket), series: String(r.series), requests: Number(r.n) }));
}

/** The lowest headroom providers reported per bucket, as a share of their limit (remaining ÷ limit). */
export async function providerHeadroom(workspaceId: string, window: Window, granularity: Granularity, group: RateLimitGroup = "provider", db: Db = defaultDb()): Promise<HeadroomPoint[]> {
  const dialect = dialectOf(db);
  const q = sql(dialect);
  const share = (remaining: string[], limit: string[]) => `MIN(${headerNumber(dialect, remaining)} * 100.0 / NULLIF(${headerNumber(dialect, limit)}, 0))`;
  const requests = share(["x-ratelimit-remaining-requests", "anthropic-ratelimit-requests-remaining"], ["x-ratelimit-limit-requests", "anthropic-ratelimit-requests-limit"]);
  const tokens = share(["x-ratelimit-remaining-tokens", "anthropic-ratelimit-tokens-remaining"], ["x-ratelimit-limit-tokens", "anthropic-ratelimit-tokens-limit"]);
  const text = `SELECT ${bucketOf(dialect, granularity, `r."createdAt"`)} AS bucket, ${groupColumn(group)} AS grp, ${requests} AS req, ${tokens} AS tok
    FROM "Request" r WHERE r."workspaceId" = ${q.param(workspaceId)} AND r."rateLimitHeaders" IS NOT NULL AND ${q.within(`r."createdAt"`, window)}
    GROUP BY 1, 2 ORDER BY 1`;
  const rows = await db.$queryRawUnsafe<{ bucket: string; grp: string; req: unknown; tok: unknown }[]>(text, ...q.params);
  const percent = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
  return rows.map((r) => ({ bucket: String(r.bucket), group: String(r.grp), requestsLeftPercent: percent(r.req), tokensLeftPercent: percent(r.tok) }));
}
