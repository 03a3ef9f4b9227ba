// How much disk a million requests take, on SQLite and on Postgres, with their bodies and without
// (as retention leaves old rows): STORAGE_ROWS (default 200,000) demo requests are written through
// the gateway's log writer, the database measured, the bodies blanked as the purge blanks them,
// and the database measured again. Sizes scale linearly with rows; the report gives them per
// million.
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEFAULT_WORKSPACE_SLUG, findOrCreateWorkspace } from "../../lib/db/accounts";
import { type DatabaseKind, createTestDatabase } from "../../tests/support/test-db";
import { SCALE_TRAFFIC, writeBulkTraffic } from "../lib/bulk-traffic";

export const STORAGE_ROWS = Number(process.env.STORAGE_ROWS ?? 200_000);

export interface StorageResult {
  kind: DatabaseKind;
  rows: number;
  /** Average stored bytes of a request and a response body in this data. */
  bodyBytes: number;
  withBodies: number;
  withoutBodies: number;
  /** Postgres only: bytes per request of each table with its indexes, bodies included. */
  tables: { name: string; bytesPerRow: number }[];
}

const TABLES = ["Request", "RequestProperty", "RequestRollup", "PropertyRollup", "PropertyDayRollup", "LatencyRollup", "PropertyLatencyRollup", "KeyLatencyRollup", "UserRollup", "UserModelRollup"];

async function tableSizes(db: Db, rows: number): Promise<StorageResult["tables"]> {
  const sizes = await db.$queryRawUnsafe<{ name: string; total: unknown }[]>(
    // A partitioned table (the request log's two, by day) keeps its bytes in its partitions.
    `SELECT c.relname::text AS name,
        (CASE WHEN c.relkind = 'p' THEN (SELECT SUM(pg_total_relation_size(p.relid)) FROM pg_partition_tree(c.oid) p WHERE p.isleaf) ELSE pg_total_relation_size(c.oid) END)::bigint AS total
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname::text IN (${TABLES.map((t) => `'${t}'`).join(", ")})`,
  );
  return TABLES.map((name) => ({ name, bytesPerRow: Math.round(Number(sizes.find((r) => r.name === name)?.total ?? 0) / rows) }));
}

type Db = Awaited<ReturnType<typeof createTestDatabase>>["db"];

async function sizeOf(kind: DatabaseKind, url: string, db: Db): Promise<number> {
  if (kind === "sqlite") {
    await db.$executeRawUnsafe("VACUUM");
    return statSync(fileURLToPath(url.replace(/^file:/, "file://"))).size;
  }
  await db.$executeRawUnsafe("VACUUM FULL");
  const [row] = await db.$queryRawUnsafe<{ n: unknown }[]>("SELECT pg_database_size(current_database()) AS n");
  return Number(row!.n);
}

export async function measureStorage(kind: DatabaseKind): Promise<StorageResult> {
  const t = await createTestDatabase(kind);
  try {
    const ws = (await findOrCreateWorkspace(DEFAULT_WORKSPACE_SLUG, "Storage", t.db)).id;
    const empty = await sizeOf(kind, t.url, t.db);
    console.log(`bench: ${kind}: writing ${STORAGE_ROWS.toLocaleString("en-US")} requests for the storage measurement…`);
    await writeBulkTraffic(t.target, ws, { ...SCALE_TRAFFIC, count: STORAGE_ROWS, days: 30 });
    const [bodies] = await t.db.$queryRawUnsafe<{ n: unknown }[]>(`SELECT AVG(LENGTH("requestBody") + LENGTH("responseBody")) AS n FROM "Request"`);
    const withBodies = (await sizeOf(kind, t.url, t.db)) - empty;
    const tables = kind === "postgres" ? await tableSizes(t.db, STORAGE_ROWS) : [];
    // As the retention purge leaves a row whose bodies are past their keep time.
    await t.db.$executeRawUnsafe(`UPDATE "Request" SET "requestBody" = NULL, "responseBody" = NULL, "requestBodyState" = 'omitted', "responseBodyState" = 'omitted'`);
    const withoutBodies = (await sizeOf(kind, t.url, t.db)) - empty;
    const result = { kind, rows: STORAGE_ROWS, bodyBytes: Number(bodies!.n), withBodies, withoutBodies, tables };
    console.log(`storage: ${kind}: ${(withBodies / 2 ** 20).toFixed(0)} MiB with bodies, ${(withoutBodies / 2 ** 20).toFixed(0)} MiB without, for ${STORAGE_ROWS} rows`);
    return result;
  } finally {
    await t.drop();
  }
}

const perMillion = (bytes: number, rows: number) => `${((bytes / rows) * 1e6 / 2 ** 30).toFixed(2)} GiB`;

export function storageReport(results: StorageResult[]): string[] {
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- storage\`: ${results[0]?.rows.toLocaleString("en-US")} demo requests per database (users, sessions, five properties each, the hourly rollups), written through the gateway's log writer, sizes after \`VACUUM\`, scaled to a million.`,
    "",
    "| Database | Per million requests, with bodies | Per million, bodies blanked by retention | Bytes per row without bodies | Average body bytes in this data |",
    "|---|---|---|---|---|",
  ];
  for (const r of results) {
    lines.push(`| ${r.kind === "sqlite" ? "SQLite" : "Postgres"} | ${perMillion(r.withBodies, r.rows)} | ${perMillion(r.withoutBodies, r.rows)} | ${Math.round(r.withoutBodies / r.rows)} | ${Math.round(r.bodyBytes)} |`);
  }
  const postgres = results.find((r) => r.kind === "postgres");
  if (postgres?.tables.length) {
    lines.push("", "Where it goes, on Postgres, bytes per request (each table with its indexes, bodies included):", "", `| ${postgres.tables.map((t) => t.name).join(" | ")} |`, `|${postgres.tables.map(() => "---|").join("")}`, `| ${postgres.tables.map((t) => t.bytesPerRow).join(" | ")} |`);
  }
  lines.push(
    "",
    "The demo's prompts and answers are short (a few hundred bytes). Real bodies are larger: each extra kilobyte of request and response stored per call adds about 1 GB per million requests (bodies are kept up to `TOLLGATE_STORED_BODY_BYTES`, 256 KiB each by default, and then marked truncated).",
  );
  return lines;
}
