// The log's write path: rows are queued in memory and written in batches every ≤100 ms or every
// BATCH rows, never on a response's critical path. No row can block the others: a write that
// fails is classified (request-log.ts); a row the database refuses goes to the dead-letter table
// with its error after at most MAX_ROW_TRIES, and the rows behind it are written. While the
// database is not taking writes, and beyond the in-memory bound, rows go to disk (log-spill.ts)
// and are replayed in order when it is back. Rows in memory are journaled on disk as they are
// queued (log-journal.ts), so a kill does not take them. Rows are dropped, and counted, only when
// the spill is full too.
import type { DeadLetter, RequestLogRow, RequestLogWriter } from "../db/request-log";
import { countOf } from "../format";
import { LogJournal } from "./log-journal";
import { LogSpill, type SpillSegment } from "./log-spill";

export type LogWriter = Pick<RequestLogWriter, "writeBatch" | "writeDeadLetters" | "classify" | "reachable">;

export interface LogQueueStats {
  /** Rows not written yet, in memory and on disk. */
  pending: number;
  /** Of those, rows waiting on disk. */
  spilled: number;
  /** Age of the oldest pending row. */
  oldestPendingMs: number;
  written: number;
  /** Rows the database refused on their own, kept in the dead-letter table. */
  deadLettered: number;
  /** Rows already written before (replayed after a crash), skipped. */
  duplicates: number;
  /** Rows lost because memory and the spill were full, or had no spill. */
  dropped: number;
  /** True while the database is not taking writes. */
  stalled: boolean;
  /** Why rows cannot be journaled on disk (a kill would take the rows in memory); null while they can. */
  journalError: string | null;
  lastError: string | null;
}

export interface LogQueueOptions {
  batchSize: number;
  intervalMs: number;
  /** In-memory bound (estimated bytes); beyond it rows spill to disk. */
  memoryBytes: number;
  /** Where rows spill; without one, rows beyond the bound are dropped. */
  spill?: { dir: string; maxBytes: number; segmentRows?: number };
}

export const DEFAULT_LOG_QUEUE_OPTIONS: LogQueueOptions = { batchSize: 500, intervalMs: 100, memoryBytes: 64 * 1024 * 1024 };

/** Tries a row gets when the cause of its failure is unclear, before it is dead-lettered. */
const MAX_ROW_TRIES = 3;
const MAX_BACKOFF_MS = 5_000;
/** How often (in flush ticks) to look for rows a crashed process left on disk. */
const ADOPT_EVERY_TICKS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A row's rough size in memory: its texts, which the bodies dominate. */
const rowBytes = (r: RequestLogRow) =>
  512 + (r.requestBody?.length ?? 0) + (r.responseBody?.length ?? 0) + (r.attempts?.length ?? 0) + (r.rateLimitHeaders?.length ?? 0) + (r.clippedValues?.length ?? 0) + (r.errorMessage?.length ?? 0);

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface WriteOutcome {
  /** Rows of the batch still to write, in order. */
  keep: RequestLogRow[];
  /** The database is not taking writes. */
  stalled: boolean;
}

export class LogQueue {
  private memory: RequestLogRow[] = [];
  private memoryBytes = 0;
  /** The spill segment whose rows `memory` holds, deleted once they are written. */
  private loaded?: SpillSegment;
  private readonly spill?: LogSpill;
  private readonly journal?: LogJournal;
  /** Failed tries of rows whose failure was unclear, by row id (rows move to disk and back). */
  private readonly tries = new Map<string, number>();
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout;
  private retryAt = 0;
  private backoffMs = 0;
  private closed = false;
  private stats = { written: 0, deadLettered: 0, duplicates: 0, dropped: 0, stalled: false, lastError: null as string | null };

  constructor(
    private readonly writer: LogWriter,
    private readonly options: LogQueueOptions = DEFAULT_LOG_QUEUE_OPTIONS,
    private readonly report: (message: string) => void = () => {},
  ) {
    if (options.spill) {
      this.spill = new LogSpill({ segmentRows: 2_000, ...options.spill });
      this.journal = new LogJournal(options.spill.dir, report);
    }
    let ticks = 0;
    this.timer = setInterval(() => {
      if (this.spill && ++ticks % ADOPT_EVERY_TICKS === 0 && !this.flushing) this.spill.adoptOrphans();
      this.journal?.recheck();
      this.kick();
    }, options.intervalMs);
    this.timer.unref();
  }

  enqueue(row: RequestLogRow) {
    if (this.closed) {
      // Shut down already: the row goes straight to disk, for the next start to write.
      if (!this.spill || !this.toDisk(() => (this.spill!.appendAfterClose([row]), 1))) this.stats.dropped++;
      return;
    }
    const size = rowBytes(row);
    const toDisk = this.spill && (this.spill.rows > 0 || this.stats.stalled || this.memoryBytes + size > this.options.memoryBytes);
    if (toDisk) {
      if (!this.toDisk(() => this.spill!.append([row]))) this.stats.dropped++;
      return;
    }
    if (this.memoryBytes + size > this.options.memoryBytes) {
      this.stats.dropped++;
      return;
    }
    this.journal?.record(row);
    this.memory.push(row);
    this.memoryBytes += size;
    if (this.memory.length >= this.options.batchSize) this.kick();
  }

  /** Runs a write to the spill; false when nothing was written (spill full, or the disk failed). */
  private toDisk(write: () => number): boolean {
    try {
      return write() > 0;
    } catch (error) {
      this.stats.lastError = messageOf(error);
      this.report(`request log: cannot write to the spill folder: ${messageOf(error)}`);
      return false;
    }
  }

  snapshot(): LogQueueStats {
    const spilled = this.spill ? this.spill.rows - (this.loaded?.rows ?? 0) : 0;
    const oldest = this.memory[0]?.createdAt.getTime() ?? this.spill?.oldestAt;
    return {
      ...this.stats,
      dropped: this.stats.dropped + (this.spill?.unreadable ?? 0),
      journalError: this.journal?.error ?? null,
      pending: this.memory.length + spilled,
      spilled,
      oldestPendingMs: oldest === undefined ? 0 : Math.max(0, Date.now() - oldest),
    };
  }

  /** Starts a flush unless one is running or a retry is not due yet. */
  private kick() {
    if (this.flushing || Date.now() < this.retryAt) return;
    if (this.memory.length === 0 && !this.spill?.rows) return;
    this.flushing = this.drain()
      .catch((error) => this.report(`request log: flush failed: ${messageOf(error)}`))
      .finally(() => (this.flushing = null));
  }

  private async drain() {
    for (;;) {
      if (this.memory.length === 0 && !(await this.loadFromSpill())) return;
      const batch = this.memory.slice(0, this.options.batchSize);
      const { keep, stalled } = await this.write(batch);
      this.journal?.settle(batch, keep);
      this.memory.splice(0, batch.length, ...keep);
      this.memoryBytes = this.memory.reduce((n, r) => n + rowBytes(r), 0);
      if (stalled) {
        this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs ? this.backoffMs * 2 : 100);
        this.retryAt = Date.now() + this.backoffMs;
        if (!this.stats.stalled) this.report(`request log: the database is not taking writes, keeping rows until it is back: ${this.stats.lastError}`);
        this.stats.stalled = true;
        await this.moveMemoryToSpill();
        return;
      }
      if (this.stats.stalled) this.report("request log: the database takes writes again");
      this.stats.stalled = false;
      this.backoffMs = 0;
    }
  }

  /** With memory empty: releases the segment just written and loads the next. False when nothing is left. */
  private async loadFromSpill(): Promise<boolean> {
    if (!this.spill) return false;
    if (this.loaded) await this.spill.release(this.loaded);
    this.loaded = undefined;
    const next = await this.spill.oldest();
    if (!next) return false;
    this.loaded = next.segment;
    this.memory = next.rows;
    this.memoryBytes = next.rows.reduce((n, r) => n + rowBytes(r), 0);
    if (next.rows.length === 0) return this.loadFromSpill();
    return true;
  }

  /** While the database is away, rows wait on disk, so a crash cannot take them. */
  private async moveMemoryToSpill() {
    if (!this.spill || this.memory.length === 0) return;
    if (!this.loaded) await this.spill.prepend(this.memory); // else they are still in their segment's file
    this.journal?.settle(this.memory);
    this.loaded = undefined;
    this.memory = [];
    this.memoryBytes = 0;
  }

  /**
   * Writes a batch. If it fails for a reason other than an outage, its rows are written one by
   * one, so the rows the database refuses are found and set aside, and the rest are written.
   */
  private async write(batch: RequestLogRow[]): Promise<WriteOutcome> {
    try {
      await this.writer.writeBatch(batch);
      this.stats.written += batch.length;
      if (this.tries.size > 0) for (const row of batch) this.tries.delete(row.id);
      return { keep: [], stalled: false };
    } catch (error) {
      this.stats.lastError = messageOf(error);
      if (this.writer.classify(error) === "outage") return { keep: batch, stalled: true };
    }
    const keep: RequestLogRow[] = [];
    const dead: DeadLetter[] = [];
    const unclear: { row: RequestLogRow; error: unknown }[] = [];
    let succeeded = 0;
    let outage = false;
    for (const [i, row] of batch.entries()) {
      try {
        await this.writer.writeBatch([row]);
        succeeded++;
      } catch (error) {
        this.stats.lastError = messageOf(error);
        const failure = this.writer.classify(error);
        if (failure === "outage") {
          keep.push(...batch.slice(i));
          outage = true;
          break;
        }
        if (failure === "duplicate") this.stats.duplicates++;
        else if (failure === "row") dead.push({ row, error: messageOf(error) });
        else unclear.push({ row, error });
      }
    }
    this.stats.written += succeeded;
    // An unclear failure counts against the row only while the database answers otherwise.
    const answers = !outage && unclear.length > 0 && (succeeded > 0 || (await this.writer.reachable()));
    for (const { row, error } of unclear) {
      const tries = (this.tries.get(row.id) ?? 0) + (answers ? 1 : 0);
      this.tries.set(row.id, tries);
      if (tries >= MAX_ROW_TRIES) {
        this.tries.delete(row.id);
        dead.push({ row, error: messageOf(error) });
      } else keep.push(row);
    }
    const stalled = outage || (keep.length > 0 && succeeded === 0 && !answers);
    if (dead.length > 0) {
      try {
        await this.writer.writeDeadLetters(dead);
        this.stats.deadLettered += dead.length;
        this.report(`request log: ${countOf(dead.length, "row")} refused by the database, kept as dead letters: ${dead[0]!.error}`);
      } catch (error) {
        this.stats.lastError = messageOf(error);
        return { keep: [...dead.map((d) => d.row), ...keep].sort((a, b) => batch.indexOf(a) - batch.indexOf(b)), stalled: true };
      }
    }
    return { keep: keep.sort((a, b) => batch.indexOf(a) - batch.indexOf(b)), stalled };
  }

  private get empty() {
    return this.memory.length === 0 && !this.spill?.rows && !this.flushing;
  }

  /** Flushes what is queued (shutdown). Whatever the database cannot take in time stays on disk for the next start. */
  async close(timeoutMs = 10_000) {
    clearInterval(this.timer);
    const deadline = Date.now() + timeoutMs;
    while (!this.empty && Date.now() < deadline) {
      this.retryAt = 0; // shutting down: retry now, but pause between failures
      this.kick();
      await (this.flushing ?? sleep(50));
      if (!this.empty && this.backoffMs > 0) await sleep(200);
    }
    await this.flushing;
    this.closed = true; // from here on, rows go straight to disk
    await this.moveMemoryToSpill();
    await this.spill?.close();
    this.journal?.close();
  }

  /** Waits until everything queued so far is written (tests). */
  async idle(timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (!this.empty && Date.now() < deadline) {
      this.kick();
      await (this.flushing ?? sleep(20));
    }
  }
}
