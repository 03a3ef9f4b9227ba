// Rows waiting in memory for the next batch are also appended to a journal in the spill folder
// the moment they are queued, so a process killed outright (SIGKILL, the out-of-memory killer)
// leaves them on disk: the journal's files are named like spill segments, and the next start
// adopts a dead process's files as it adopts its spill (log-spill.ts). Rows of an adopted file
// that were written before the kill are refused by the table's key and counted as duplicates,
// so every row is logged exactly once. A file is deleted as soon as all its rows are settled
// (written, dead-lettered or moved to the spill), so under steady traffic the journal holds
// about one flush interval of rows.
import { closeSync, mkdirSync, openSync, unlinkSync, writeSync } from "node:fs";
import { encodeRow } from "../db/log-row-codec";
import type { RequestLogRow } from "../db/request-log";
import { leaveForNextStart, ownedFile, spillOwner } from "./log-spill";

/** Rows per file: what a restart replays at most per file, mostly as duplicates. */
const FILE_ROWS = 1_000;

interface JournalFile {
  seq: number;
  file: string;
  fd: number;
  rows: number;
  /** Rows recorded in it and not settled yet. */
  outstanding: number;
}

export class LogJournal {
  private readonly owner = spillOwner();
  private current?: JournalFile;
  /** Files with unsettled rows, the current one included. */
  private readonly files = new Set<JournalFile>();
  private readonly fileOf = new WeakMap<RequestLogRow, JournalFile>();
  private nextSeq = 0;
  /** Why the last row could not be journaled (the spill folder does not take writes); null when it was. */
  error: string | null = null;

  constructor(
    private readonly dir: string,
    private readonly report: (message: string) => void,
  ) {}

  /** Appends the row. If the disk refuses, the row is only in memory, as without a journal, and that is reported once. */
  record(row: RequestLogRow) {
    try {
      if (!this.current || this.current.rows >= FILE_ROWS) this.open();
      const file = this.current!;
      writeSync(file.fd, `${encodeRow(row)}\n`);
      file.rows++;
      file.outstanding++;
      this.fileOf.set(row, file);
      if (this.error) this.report("request log: the journal takes rows again");
      this.error = null;
    } catch (error) {
      if (!this.error) this.report(`request log: cannot write the journal in ${this.dir}, rows in memory would not survive a kill: ${(error as Error).message}`);
      this.error = (error as Error).message;
      // A file that holds no row yet is let go; one that does stays until its rows are settled.
      if (this.current?.outstanding === 0) this.remove(this.current);
      this.current = undefined;
    }
  }

  /** While failing, tries the folder again without a row: a worker may get none for a while. */
  recheck() {
    if (!this.error) return;
    try {
      this.open();
      this.remove(this.current!);
      this.error = null;
      this.report("request log: the journal takes rows again");
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /** Rows that no longer need the journal; `except` are rows of `rows` still waiting. */
  settle(rows: readonly RequestLogRow[], except: readonly RequestLogRow[] = []) {
    const waiting = except.length > 0 ? new Set(except) : undefined;
    for (const row of rows) {
      if (waiting?.has(row)) continue;
      const file = this.fileOf.get(row);
      if (!file) continue; // read back from the spill, or never recorded
      this.fileOf.delete(row);
      if (--file.outstanding === 0) this.remove(file);
    }
  }

  private open() {
    mkdirSync(this.dir, { recursive: true }); // it may have been removed under us
    const seq = this.nextSeq++;
    const file = ownedFile(this.dir, this.owner, seq);
    this.current = { seq, file, fd: openSync(file, "a"), rows: 0, outstanding: 0 };
    this.files.add(this.current);
  }

  private remove(file: JournalFile) {
    this.files.delete(file);
    if (this.current === file) this.current = undefined;
    closeSync(file.fd);
    try {
      unlinkSync(file.file);
    } catch {
      // removed under us: nothing to replay either way
    }
  }

  /** Shutdown: files still holding unsettled rows (none after the queue's close) are left for the next start. */
  close() {
    for (const file of this.files) closeSync(file.fd);
    leaveForNextStart(this.dir, [...this.files]);
    this.files.clear();
    this.current = undefined;
  }
}
