// Hourly rollups of the request log (RequestRollup, PropertyRollup). The log writers add each
// batch's totals in the same transaction as its rows, so the rollups are exactly the sums of
// the rows; rebuildRollups() recomputes them from the rows (after bulk loads that bypass the
// writer, and in the migration that created them).
import type { ColumnType, RequestLogRow } from "./request-log";

export const HOUR_MS = 3_600_000;
export const hourOf = (date: Date) => new Date(Math.floor(date.getTime() / HOUR_MS) * HOUR_MS);

export interface RequestRollupRow {
  workspaceId: string;
  hour: Date;
  provider: string;
  model: string;
  status: number;
  cacheHit: boolean;
  requests: number;
  spendNano: bigint;
  savedNano: bigint;
  latencySumMs: bigint;
  ttftSumMs: bigint;
  ttftCount: number;
  promptTokens: bigint;
  completionTokens: bigint;
}

export interface PropertyRollupRow {
  workspaceId: string;
  key: string;
  hour: Date;
  value: string;
  requests: number;
  spendNano: bigint;
  latencySumMs: bigint;
  tokens: bigint;
}

type Columns<T> = { name: keyof T & string; type: ColumnType; key: boolean }[];

export const REQUEST_ROLLUP_COLUMNS: Columns<RequestRollupRow> = [
  { name: "workspaceId", type: "text", key: true },
  { name: "hour", type: "timestamp", key: true },
  { name: "provider", type: "text", key: true },
  { name: "model", type: "text", key: true },
  { name: "status", type: "int", key: true },
  { name: "cacheHit", type: "bool", key: true },
  { name: "requests", type: "int", key: false },
  { name: "spendNano", type: "bigint", key: false },
  { name: "savedNano", type: "bigint", key: false },
  { name: "latencySumMs", type: "bigint", key: false },
  { name: "ttftSumMs", type: "bigint", key: false },
  { name: "ttftCount", type: "int", key: false },
  { name: "promptTokens", type: "bigint", key: false },
  { name: "completionTokens", type: "bigint", key: false },
];

export const PROPERTY_ROLLUP_COLUMNS: Columns<PropertyRollupRow> = [
  { name: "workspaceId", type: "text", key: true },
  { name: "key", type: "text", key: true },
  { name: "hour", type: "timestamp", key: true },
  { name: "value", type: "text", key: true },
  { name: "requests", type: "int", key: false },
  { name: "spendNano", type: "bigint", key: false },
  { name: "latencySumMs", type: "bigint", key: false },
  { name: "tokens", type: "bigint", key: false },
];

const big = (n: number | bigint | null) => (n === null ? 0n : BigInt(n));

/** A batch's rollup rows, one per key, in key order (so concurrent writers lock in one order). */
export function rollupBatch(rows: RequestLogRow[]): { requests: RequestRollupRow[]; properties: PropertyRollupRow[] } {
  const requests = new Map<string, RequestRollupRow>();
  const properties = new Map<string, PropertyRollupRow>();
  for (const r of rows) {
    const hour = hourOf(r.createdAt);
    const model = r.modelServed ?? r.modelRequested;
    const cacheHit = r.cacheStatus === "HIT";
    const id = [r.workspaceId, hour.getTime(), r.provider, model, r.status, cacheHit].join("\u0000");
    const agg = requests.get(id) ?? { workspaceId: r.workspaceId, hour, provider: r.provider, model, status: r.status, cacheHit, requests: 0, spendNano: 0n, savedNano: 0n, latencySumMs: 0n, ttftSumMs: 0n, ttftCount: 0, promptTokens: 0n, completionTokens: 0n };
    agg.requests++;
    agg.spendNano += big(r.costNanoUsd);
    agg.savedNano += big(r.costSavedNanoUsd);
    agg.latencySumMs += big(r.latencyMs);
    if (r.timeToFirstTokenMs !== null) {
      agg.ttftSumMs += big(r.timeToFirstTokenMs);
      agg.ttftCount++;
    }
    agg.promptTokens += big(r.promptTokens);
    agg.completionTokens += big(r.completionTokens);
    requests.set(id, agg);
    for (const p of r.properties) {
      const pid = [r.workspaceId, p.key, hour.getTime(), p.value].join("\u0000");
      const pagg = properties.get(pid) ?? { workspaceId: r.workspaceId, key: p.key, hour, value: p.value, requests: 0, spendNano: 0n, latencySumMs: 0n, tokens: 0n };
      pagg.requests++;
      pagg.spendNano += big(r.costNanoUsd);
      pagg.latencySumMs += big(r.latencyMs);
      pagg.tokens += big(r.promptTokens) + big(r.completionTokens);
      properties.set(pid, pagg);
    }
  }
  const ordered = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { requests: ordered(requests), properties: ordered(properties) };
}

/** `INSERT … ON CONFLICT DO UPDATE` that adds to the totals; `values` is the dialect's source. */
export function upsertSql(table: "RequestRollup" | "PropertyRollup", columns: { name: string; key: boolean }[], values: string): string {
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const keys = columns.filter((c) => c.key).map((c) => `"${c.name}"`).join(", ");
  const sums = columns.filter((c) => !c.key).map((c) => `"${c.name}" = "${table}"."${c.name}" + excluded."${c.name}"`).join(", ");
  return `INSERT INTO "${table}" (${names}) ${values} ON CONFLICT (${keys}) DO UPDATE SET ${sums}`;
}

/** Statements that recompute both rollups from the rows. */
export function rebuildRollupsSql(dialect: "sqlite" | "postgres"): string[] {
  const hour = (column: string) => (dialect === "postgres" ? `date_trunc('hour', ${column})` : `substr(${column}, 1, 13) || ':00:00.000+00:00'`);
  const hit = dialect === "postgres" ? `COALESCE(r."cacheStatus" = 'HIT', false)` : `(CASE WHEN r."cacheStatus" = 'HIT' THEN 1 ELSE 0 END)`;
  return [
    `DELETE FROM "RequestRollup"`,
    `DELETE FROM "PropertyRollup"`,
    `INSERT INTO "RequestRollup" (${REQUEST_ROLLUP_COLUMNS.map((c) => `"${c.name}"`).join(", ")})
      SELECT r."workspaceId", ${hour(`r."createdAt"`)}, r."provider", COALESCE(r."modelServed", r."modelRequested"), r."status", ${hit},
        COUNT(*), COALESCE(SUM(r."costNanoUsd"), 0), COALESCE(SUM(r."costSavedNanoUsd"), 0), SUM(r."latencyMs"), COALESCE(SUM(r."timeToFirstTokenMs"), 0),
        COUNT(r."timeToFirstTokenMs"), COALESCE(SUM(r."promptTokens"), 0), COALESCE(SUM(r."completionTokens"), 0)
      FROM "Request" r GROUP BY 1, 2, 3, 4, 5, 6`,
    `INSERT INTO "PropertyRollup" (${PROPERTY_ROLLUP_COLUMNS.map((c) => `"${c.name}"`).join(", ")})
      SELECT p."workspaceId", p."key", ${hour(`p."createdAt"`)}, p."value", COUNT(*), COALESCE(SUM(r."costNanoUsd"), 0), SUM(r."latencyMs"),
        SUM(COALESCE(r."promptTokens", 0) + COALESCE(r."completionTokens", 0))
      FROM "RequestProperty" p JOIN "Request" r ON r."id" = p."requestId" GROUP BY 1, 2, 3, 4`,
  ];
}
