// The log's write path: a bounded in-memory queue flushed every ≤100 ms or every BATCH rows,
// never on a response's critical path. When the database is down the queue keeps the rows
// and retries with backoff; only when the bound is reached are rows dropped, and counted.
import type { RequestLogRow, RequestLogWriter, RowFailure } from "../db/request-log";

export type LogWriter = Pick<RequestLogWriter, "writeBatch" | "writeOneByOne">;

export interface LogQueueStats {
  pending: number;
  written: number;
  /** Rows lost because the queue was full (the database was down for long). */
  dropped: number;
  /** Rows the database refused on their own (e.g. a duplicate id). */
  rejected: number;
  lastError: string | null;
}

const MAX_BACKOFF_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class LogQueue {
  private queue: RequestLogRow[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout;
  private retryAt = 0;
  private backoffMs = 0;
  private stats: LogQueueStats = { pending: 0, written: 0, dropped: 0, rejected: 0, lastError: null };

  constructor(
    private readonly writer: LogWriter,
    private readonly options = { maxRows: 50_000, batchSize: 500, intervalMs: 100 },
    private readonly onWriteError: (error: Error) => void = () => {},
  ) {
    this.timer = setInterval(() => this.kick(), options.intervalMs);
    this.timer.unref();
  }

  enqueue(row: RequestLogRow) {
    if (this.queue.length >= this.options.maxRows) {
      this.stats.dropped++;
      return;
    }
    this.queue.push(row);
    if (this.queue.length >= this.options.batchSize) this.kick();
  }

  snapshot(): LogQueueStats {
    return { ...this.stats, pending: this.queue.length };
  }

  /** Starts a flush unless one is running or a retry is not due yet. */
  private kick() {
    if (this.flushing || this.queue.length === 0 || Date.now() < this.retryAt) return;
    this.flushing = this.drain().finally(() => (this.flushing = null));
  }

  private async drain() {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.options.batchSize);
      const { written, rejected, retry } = await this.write(batch);
      this.queue.splice(0, batch.length, ...retry);
      this.stats.written += written;
      this.stats.rejected += rejected;
      if (retry.length > 0) {
        this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs ? this.backoffMs * 2 : 100);
        this.retryAt = Date.now() + this.backoffMs;
        return;
      }
      this.backoffMs = 0;
    }
  }

  /**
   * Writes a batch. If it fails, the rows are tried singly: rows the database refuses for good
   * (such as a duplicate id) are rejected and counted, the rest come back to be retried.
   */
  private async write(batch: RequestLogRow[]): Promise<{ written: number; rejected: number; retry: RequestLogRow[] }> {
    try {
      await this.writer.writeBatch(batch);
      return { written: batch.length, rejected: 0, retry: [] };
    } catch (error) {
      this.stats.lastError = (error as Error).message;
      let failed: RowFailure[];
      try {
        failed = await this.writer.writeOneByOne(batch);
      } catch {
        failed = batch.map((row) => ({ row, error: error as Error, permanent: false }));
      }
      const retry = failed.filter((f) => !f.permanent).map((f) => f.row);
      if (retry.length > 0) this.onWriteError(error as Error);
      return { written: batch.length - failed.length, rejected: failed.length - retry.length, retry };
    }
  }

  /** Flushes what is queued (for shutdown), giving up after `timeoutMs`. */
  async close(timeoutMs = 10_000) {
    clearInterval(this.timer);
    const deadline = Date.now() + timeoutMs;
    while ((this.queue.length > 0 || this.flushing) && Date.now() < deadline) {
      this.retryAt = 0; // shutting down: retry now, but pause between failures
      this.kick();
      await (this.flushing ?? sleep(50));
      if (this.queue.length > 0 && this.backoffMs > 0) await sleep(200);
    }
  }

  /** Waits until everything queued so far is written (tests, shutdown). */
  async idle(timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while ((this.queue.length > 0 || this.flushing) && Date.now() < deadline) {
      this.kick();
      await (this.flushing ?? sleep(20));
    }
  }
}
