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
  /** The caller's Helicone-Request-Id, kept beside the row's own (always fresh) id. */
  clientRequestId: string | null;
  /** JSON object of values clipped to fit an index: field -> the full value sent. */
  clippedValues: string | null;
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
  ["clientRequestId", "text"],
  ["clippedValues", "text"],
];

export interface PropertyRow {
  requestId: string;
  workspaceId: string;
  key: string;
  value: string;
  createdAt: Date;
  costNanoUsd: bigint | null;
}

export const propertyRows = (rows: RequestLogRow[]): PropertyRow[] =>
  rows.flatMap((r) => r.properties.map((p) => ({ requestId: r.id, workspaceId: r.workspaceId, key: p.key, value: p.value, createdAt: r.createdAt, costNanoUsd: r.costNanoUsd })));

/**
 * Why a write failed, which decides what the queue does with the row:
 * - `outage`: the database is not taking writes (down, unreachable, busy, table missing): keep
 *   every row, back off, retry;
 * - `row`: the database refuses this row for good (bad value, constraint): dead-letter it at once;
 * - `duplicate`: a row with this id is already written (a replay after a crash): done;
 * - `unknown`: neither is clear: the row gets a few more tries, then is dead-lettered.
 */
export type WriteFailure = "outage" | "row" | "duplicate" | "unknown";

export interface DeadLetter {
  row: RequestLogRow;
  error: string;
}

export interface RequestLogWriter {
  /** Writes a batch atomically (rows, properties and rollups), or throws. */
  writeBatch(rows: RequestLogRow[]): Promise<void>;
  /** Keeps rows the database refused, with their error (LogDeadLetter). */
  writeDeadLetters(letters: DeadLetter[]): Promise<void>;
  classify(error: unknown): WriteFailure;
  /** True when the database answers a trivial query: tells a row's fault from an outage. */
  reachable(): Promise<boolean>;
  close(): Promise<void>;
}
