// The log's write path: a bounded in-memory queue flushed every ≤100 ms or every BATCH rows,
// never on a response's critical path. When the database is down the queue keeps the rows
// and retries with backoff; only when the bound is reached are rows dropped, and counted.
import type { RequestLogRow } from "../db/request-log";

export interface LogWriter {
  /** Writes a batch atomically, or throws. */
  writeBatch(rows: RequestLogRow[]): Promise<void>;
  /** After a failed batch: writes rows singly and returns the ones that fail on their own. */
  writeOneByOne(rows: RequestLogRow[]): Promise<{ row: RequestLogRow; error: Error }[]>;
}

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
      try {
        await this.writer.writeBatch(batch);
      } catch (error) {
        if (!(await this.salvage(batch, error as Error))) return;
      }
      this.queue.splice(0, batch.length);
      this.stats.written += batch.length;
      this.backoffMs = 0;
    }
  }

  /**
   * A batch failed. If the database answers row by row, keep what it takes and count what it
   * refuses; if it does not answer at all, keep everything and back off.
   */
  private async salvage(batch: RequestLogRow[], error: Error): Promise<boolean> {
    this.stats.lastError = error.message;
    let failed: { row: RequestLogRow; error: Error }[];
    try {
      failed = await this.writer.writeOneByOne(batch);
    } catch {
      failed = batch.map((row) => ({ row, error }));
    }
    if (failed.length === batch.length) {
      this.onWriteError(error);
      this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs ? this.backoffMs * 2 : 100);
      this.retryAt = Date.now() + this.backoffMs;
      return false;
    }
    this.stats.rejected += failed.length;
    this.stats.written -= failed.length; // drain() adds the whole batch
    return true;
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
