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

/**
 * Inserts rows one by one, after a batch failed: returns the rows that failed on their own
 * (such as a duplicate id), so one bad row never blocks the rest.
 */
export async function insertRequestRowsOneByOne(rows: RequestLogRow[], db: Db = defaultDb()): Promise<{ row: RequestLogRow; error: Error }[]> {
  const failed: { row: RequestLogRow; error: Error }[] = [];
  for (const row of rows) {
    try {
      await insertRequestRows([row], db);
    } catch (error) {
      failed.push({ row, error: error as Error });
    }
  }
  return failed;
}
