// The gateway's log write path. Rows are written with plain multi-row SQL on a connection of
// their own, not through Prisma: measured, Prisma's query compiler cost more CPU per row than
// proxying the request. The column list below is the one place that knows the table's shape
// for writes; tests/integration/gateway/log-queue.test.ts reads the rows back through Prisma.

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
  costSavedNanoUsd: bigint | null;
  retryCount: number;
  fallbackIndex: number;
  /** JSON trail of every provider call when there was more than one. */
  attempts: string | null;
  cacheStatus: string | null;
  userId: string | null;
  sessionId: string | null;
  sessionPath: string | null;
  sessionName: string | null;
  rateLimitHeaders: string | null;
  rateLimitedBy: "provider" | "gateway" | null;
  requestBody: string | null;
  requestBodyState: string;
  requestBytes: number | null;
  responseBody: string | null;
  responseBodyState: string;
  responseBytes: number | null;
  properties: { key: string; value: string }[];
}

export type ColumnType = "text" | "int" | "bigint" | "bool" | "timestamp";

/** Every Request column the gateway writes, with its type (Postgres casts, SQLite encoding). */
export const REQUEST_COLUMNS: [Exclude<keyof RequestLogRow, "properties">, ColumnType][] = [
  ["id", "text"],
  ["workspaceId", "text"],
  ["apiKeyId", "text"],
  ["createdAt", "timestamp"],
  ["provider", "text"],
  ["modelRequested", "text"],
  ["modelServed", "text"],
  ["path", "text"],
  ["status", "int"],
  ["errorMessage", "text"],
  ["latencyMs", "int"],
  ["timeToFirstTokenMs", "int"],
  ["streamed", "bool"],
  ["promptTokens", "int"],
  ["completionTokens", "int"],
  ["cachedInputTokens", "int"],
  ["cacheWriteTokens", "int"],
  ["reasoningTokens", "int"],
  ["usageEstimated", "bool"],
  ["costNanoUsd", "bigint"],
  ["costSavedNanoUsd", "bigint"],
  ["cacheStatus", "text"],
  ["retryCount", "int"],
  ["fallbackIndex", "int"],
  ["attempts", "text"],
  ["userId", "text"],
  ["sessionId", "text"],
  ["sessionPath", "text"],
  ["sessionName", "text"],
  ["rateLimitHeaders", "text"],
  ["rateLimitedBy", "text"],
  ["requestBody", "text"],
  ["requestBodyState", "text"],
  ["requestBytes", "int"],
  ["responseBody", "text"],
  ["responseBodyState", "text"],
  ["responseBytes", "int"],
];

export interface PropertyRow {
  requestId: string;
  workspaceId: string;
  key: string;
  value: string;
  createdAt: Date;
}

export const propertyRows = (rows: RequestLogRow[]): PropertyRow[] =>
  rows.flatMap((r) => r.properties.map((p) => ({ requestId: r.id, workspaceId: r.workspaceId, key: p.key, value: p.value, createdAt: r.createdAt })));

export interface RowFailure {
  row: RequestLogRow;
  error: Error;
  /** True when the row can never be written; false when a retry may succeed. */
  permanent: boolean;
}

export interface RequestLogWriter {
  /** Writes a batch atomically, or throws. */
  writeBatch(rows: RequestLogRow[]): Promise<void>;
  /**
   * After a batch failed: writes rows one by one and returns those that failed. Stops at the
   * first failure a retry could fix (the database is likely down) and returns the rest
   * untried, so an outage costs one attempt, not one per row.
   */
  writeOneByOne(rows: RequestLogRow[]): Promise<RowFailure[]>;
  close(): Promise<void>;
}

/** Shared by both writers: row-by-row with the early stop described above. */
export async function writeOneByOne(rows: RequestLogRow[], write: (rows: RequestLogRow[]) => Promise<void>, isPermanent: (error: unknown) => boolean): Promise<RowFailure[]> {
  const failed: RowFailure[] = [];
  for (const [i, row] of rows.entries()) {
    try {
      await write([row]);
    } catch (error) {
      const permanent = isPermanent(error);
      failed.push({ row, error: error as Error, permanent });
      if (!permanent) {
        failed.push(...rows.slice(i + 1).map((rest) => ({ row: rest, error: error as Error, permanent: false })));
        break;
      }
    }
  }
  return failed;
}
