// Export of the request log under a filter, as CSV or JSON Lines. Streamed: rows are read a page
// at a time with the list cursor and written as the client reads, so memory stays flat however
// many rows match.
import { type Db, db as defaultDb } from "../db/client";
import type { RequestQuery } from "./request-query";
import { listRequests } from "./requests";

export const EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const PAGE = 1000;

type Row = Awaited<ReturnType<typeof listRequests>>["data"][number];

const CSV_COLUMNS: [string, (r: Row) => unknown][] = [
  ["id", (r) => r.id],
  ["created_at", (r) => r.createdAt.toISOString()],
  ["status", (r) => r.status],
  ["provider", (r) => r.provider],
  // One name per model: the one that served (or was routed to), then the name the caller wrote.
  ["model", (r) => r.modelServed ?? r.model],
  ["model_requested", (r) => r.model],
  ["user_id", (r) => r.userId],
  ["prompt_tokens", (r) => r.promptTokens],
  ["completion_tokens", (r) => r.completionTokens],
  ["cached_input_tokens", (r) => r.cachedInputTokens],
  ["cost_usd", (r) => r.costUsd],
  ["cost_saved_usd", (r) => r.costSavedUsd],
  ["latency_ms", (r) => r.latencyMs],
  ["ttft_ms", (r) => r.timeToFirstTokenMs],
  ["cache", (r) => r.cacheStatus],
  ["retries", (r) => r.retryCount],
  ["session_id", (r) => r.sessionId],
  ["session_path", (r) => r.sessionPath],
  ["error", (r) => r.errorMessage],
  ["properties", (r) => (Object.keys(r.properties).length ? JSON.stringify(r.properties) : null)],
];

/** RFC 4180 quoting; cells that a spreadsheet would run as a formula are prefixed with '. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === "string") text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (cells: unknown[]) => `${cells.map(csvCell).join(",")}\r\n`;

function formatRow(format: ExportFormat, row: Row): string {
  return format === "csv" ? csvLine(CSV_COLUMNS.map(([, get]) => get(row))) : `${JSON.stringify(row)}\n`;
}

export function exportRequests(workspaceId: string, query: RequestQuery, format: ExportFormat, db: Db = defaultDb()): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined = query.cursor;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return controller.close();
      let text = "";
      if (!started && format === "csv") text += csvLine(CSV_COLUMNS.map(([name]) => name));
      started = true;
      const page = await listRequests(workspaceId, { ...query, cursor, limit: PAGE }, db);
      for (const row of page.data) text += formatRow(format, row);
      cursor = page.nextCursor ?? undefined;
      done = !cursor;
      controller.enqueue(encoder.encode(text));
    },
  });
}
