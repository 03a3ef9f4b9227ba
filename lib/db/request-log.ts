// Writes gateway log rows in batches: one multi-row insert per table, in one transaction.
import { type Db, db as defaultDb } from "./client";

export interface RequestLogRow {
  id: string;
  workspaceId: string;
  apiKeyId: string | null;
  createdAt: Date;
  provider: string;
  modelRequested: string;
  modelServed: string | null;
  path: string;
  status: number;
  errorMessage: string | null;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  streamed: boolean;
  promptTokens: number | null;
  completionTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  usageEstimated: boolean;
  costNanoUsd: bigint | null;
  userId: string | null;
  rateLimitHeaders: string | null;
  requestBody: string | null;
  requestBodyState: string;
  requestBytes: number | null;
  responseBody: string | null;
  responseBodyState: string;
  responseBytes: number | null;
  properties: { key: string; value: string }[];
}

function split(rows: RequestLogRow[]) {
  const requests = rows.map(({ properties, ...row }) => row);
  const properties = rows.flatMap((r) => r.properties.map((p) => ({ requestId: r.id, workspaceId: r.workspaceId, key: p.key, value: p.value, createdAt: r.createdAt })));
  return { requests, properties };
}

export async function insertRequestRows(rows: RequestLogRow[], db: Db = defaultDb()): Promise<void> {
  const { requests, properties } = split(rows);
  await db.$transaction([db.request.createMany({ data: requests }), db.requestProperty.createMany({ data: properties })]);
}

// Prisma errors that a retry cannot fix: the row itself is bad (duplicate id, missing
// workspace, value too long or out of range). Anything else (connection lost, table missing,
// database locked) is worth retrying.
const PERMANENT_CODES = new Set(["P2000", "P2002", "P2003", "P2004", "P2005", "P2006", "P2007", "P2011", "P2012", "P2019", "P2020"]);

export const isPermanentWriteError = (error: unknown) => PERMANENT_CODES.has((error as { code?: string }).code ?? "");

export interface RowFailure {
  row: RequestLogRow;
  error: Error;
  /** True when the row can never be written; false when a retry may succeed. */
  permanent: boolean;
}

/**
 * After a batch failed: inserts rows one by one and returns those that failed. It stops at
 * the first failure a retry could fix (the database is likely down) and returns the rest
 * untried, so an outage costs one attempt, not one per row.
 */
export async function insertRequestRowsOneByOne(rows: RequestLogRow[], db: Db = defaultDb()): Promise<RowFailure[]> {
  const failed: RowFailure[] = [];
  for (const [i, row] of rows.entries()) {
    try {
      await insertRequestRows([row], db);
    } catch (error) {
      const permanent = isPermanentWriteError(error);
      failed.push({ row, error: error as Error, permanent });
      if (!permanent) {
        failed.push(...rows.slice(i + 1).map((rest) => ({ row: rest, error: error as Error, permanent: false })));
        break;
      }
    }
  }
  return failed;
}
