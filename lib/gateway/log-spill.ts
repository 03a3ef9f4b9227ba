// The log queue's overflow on disk: rows the database cannot take now (an outage) or that do not
// fit the in-memory bound, as JSON lines in numbered segment files, replayed oldest first.
// Files are named <owner>.<seq>.jsonl, the owner being this process; a process that finds the
// segments of one that died (a crash, a SIGKILL) adopts them as older than its own and replays
// them, so rows spilled before a restart are written after it. The journal (log-journal.ts) names
// its files the same way, so a killed process's journal is adopted too.
import { randomBytes } from "node:crypto";
import { appendFileSync, closeSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { appendFile, readFile, unlink } from "node:fs/promises";
import path from "node:path";
import { decodeRow, encodeRow } from "../db/log-row-codec";
import type { RequestLogRow } from "../db/request-log";

export interface SpillSegment {
  seq: number;
  file: string;
  rows: number;
  bytes: number;
  /** createdAt of its first row, for the oldest-pending age. */
  firstAt: number;
}

export interface SpillOptions {
  dir: string;
  /** Rows per segment: the unit read back into memory. */
  segmentRows: number;
  /** Beyond this many bytes on disk, rows are dropped (and counted). */
  maxBytes: number;
}

// <pid>-<tag>.<seq>.jsonl while a process owns the segment; closed-<tag>.<seq>.jsonl once it has
// shut down and left it for the next start. The tag is the process's start time (hex clock ticks
// since boot, from /proc) followed by 8 random hex digits; files of older versions have only the
// random part.
const NAME = /^(\d+|closed)-([0-9a-f]+)\.(-?\d+)\.jsonl$/;
const RANDOM_DIGITS = 8;

/** The fields of /proc/<pid>/stat after the command's name (the state first), or undefined without /proc. */
function procStat(pid: number | "self"): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ");
  } catch {
    return undefined;
  }
}
/** Where the process's start time is among those fields. */
const START_TIME = 19;

/** A fresh owner name for this process's files (each spill and journal has its own). */
export function spillOwner(): string {
  const started = procStat("self")?.[START_TIME];
  return `${process.pid}-${started === undefined ? "" : Number(started).toString(16)}${randomBytes(RANDOM_DIGITS / 2).toString("hex")}`;
}

/** Where an owner's file number `seq` lives. */
export const ownedFile = (dir: string, owner: string, seq: number) => path.join(dir, `${owner}.${seq}.jsonl`);

/** Shutdown: renames the files to closed-<tag>.<seq>.jsonl, for the next start to adopt, whoever it is. */
export function leaveForNextStart(dir: string, files: { file: string; seq: number }[]) {
  const tag = randomBytes(RANDOM_DIGITS / 2).toString("hex");
  for (const { file, seq } of files) {
    try {
      renameSync(file, path.join(dir, `closed-${tag}.${seq}.jsonl`));
    } catch {
      // already gone
    }
  }
}

function processAlive(owner: string, tag: string): boolean {
  if (owner === "closed") return false;
  const pid = Number(owner);
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  const fields = procStat(pid);
  if (!fields) return true; // no /proc: the signal test is all there is
  if (fields[0] === "Z") return false; // a zombie has exited
  // The same pid started at another time is another process: a pid reused, as when a container
  // restarts its one process after a kill.
  const started = tag.length > RANDOM_DIGITS ? parseInt(tag.slice(0, -RANDOM_DIGITS), 16) : undefined;
  return started === undefined || String(started) === fields[START_TIME];
}

export class LogSpill {
  private readonly owner = spillOwner();
  private segments: SpillSegment[] = [];
  /** The newest segment, open for appending (written synchronously: a row counted is a row on disk). */
  private writing?: { segment: SpillSegment; fd: number };
  private nextSeq = 0;
  /** Where rows that arrive after close() go, one file for them all. */
  private lateFile?: string;
  /** Lines that could not be read back (a partial last line after a crash). */
  unreadable = 0;

  constructor(private readonly options: SpillOptions) {
    mkdirSync(options.dir, { recursive: true });
    this.adoptOrphans();
  }

  /** Rows and bytes on disk, kept as totals: enqueue asks on every call. */
  rows = 0;
  bytes = 0;

  private count(segment: SpillSegment, sign: 1 | -1) {
    this.rows += sign * segment.rows;
    this.bytes += sign * segment.bytes;
  }

  get oldestAt(): number | undefined {
    return this.segments[0]?.firstAt;
  }

  private file(seq: number) {
    return ownedFile(this.options.dir, this.owner, seq);
  }

  /**
   * Segments left by processes that are gone (a crash, or a shutdown during an outage) become
   * this process's oldest. Run at start and now and then, so a replica sharing the folder picks
   * up what a crashed neighbour left.
   */
  adoptOrphans() {
    try {
      this.adopt();
    } catch (error) {
      // A folder removed under us, or a file another process adopted first: the next round retries.
      console.error(`request log: reading the spill folder ${this.options.dir} failed: ${(error as Error).message}`);
    }
  }

  private adopt() {
    mkdirSync(this.options.dir, { recursive: true });
    const found = readdirSync(this.options.dir)
      .map((name) => ({ name, match: NAME.exec(name) }))
      .filter((f): f is { name: string; match: RegExpExecArray } => f.match !== null && !processAlive(f.match[1]!, f.match[2]!))
      .map((f) => ({ ...f, group: `${f.match[1]}-${f.match[2]}`, seq: Number(f.match[3]), mtime: statSync(path.join(this.options.dir, f.name)).mtimeMs }));
    // Within one owner the sequence orders the rows; owners are taken oldest first.
    const groupAge = new Map<string, number>();
    for (const f of found) groupAge.set(f.group, Math.min(groupAge.get(f.group) ?? Infinity, f.mtime));
    const orphans = found.sort((a, b) => groupAge.get(a.group)! - groupAge.get(b.group)! || a.group.localeCompare(b.group) || a.seq - b.seq);
    let seq = Math.min(0, ...this.segments.map((s) => s.seq)) - orphans.length;
    const adopted: SpillSegment[] = [];
    for (const orphan of orphans) {
      const file = this.file(seq);
      try {
        renameSync(path.join(this.options.dir, orphan.name), file); // atomic: one adopter wins
      } catch {
        continue;
      }
      const text = readFileSync(file, "utf8");
      const lines = text.split("\n").filter(Boolean);
      if (lines.length === 0) {
        unlinkSync(file);
        continue;
      }
      let firstAt = Date.now();
      try {
        firstAt = decodeRow(lines[0]!).createdAt.getTime();
      } catch {
        // an unreadable first line is counted when the segment is read
      }
      adopted.push({ seq, file, rows: lines.length, bytes: Buffer.byteLength(text), firstAt });
      seq++;
    }
    this.segments.unshift(...adopted);
    for (const segment of adopted) this.count(segment, 1);
  }

  /** Appends rows at the newest end; returns how many fit under maxBytes (the rest are dropped). */
  append(rows: RequestLogRow[]): number {
    let accepted = 0;
    for (const row of rows) {
      const line = `${encodeRow(row)}\n`;
      const size = Buffer.byteLength(line);
      if (this.bytes + size > this.options.maxBytes) break;
      if (!this.writing || this.writing.segment.rows >= this.options.segmentRows) this.rotate();
      const { segment, fd } = this.writing!;
      if (segment.rows === 0) segment.firstAt = row.createdAt.getTime();
      writeSync(fd, line);
      segment.rows++;
      segment.bytes += size;
      this.rows++;
      this.bytes += size;
      accepted++;
    }
    return accepted;
  }

  /** Writes rows as a segment older than every other (rows that were in memory when the database went away). */
  async prepend(rows: RequestLogRow[]): Promise<void> {
    if (rows.length === 0) return;
    const seq = Math.min(0, ...this.segments.map((s) => s.seq)) - 1;
    const text = rows.map((r) => `${encodeRow(r)}\n`).join("");
    const segment: SpillSegment = { seq, file: this.file(seq), rows: rows.length, bytes: Buffer.byteLength(text), firstAt: rows[0]!.createdAt.getTime() };
    await appendFile(segment.file, text); // counted only once it is on disk; if this fails the rows stay in memory
    this.segments.unshift(segment);
    this.count(segment, 1);
  }

  private rotate() {
    this.seal();
    mkdirSync(this.options.dir, { recursive: true }); // it may have been removed under us
    const seq = Math.max(this.nextSeq, ...this.segments.map((s) => s.seq + 1));
    this.nextSeq = seq + 1;
    const segment: SpillSegment = { seq, file: this.file(seq), rows: 0, bytes: 0, firstAt: Date.now() };
    const fd = openSync(segment.file, "a");
    this.segments.push(segment);
    this.writing = { segment, fd };
  }

  /** Ends the segment being written, so it can be read back whole. */
  private seal() {
    if (!this.writing) return;
    closeSync(this.writing.fd);
    this.writing = undefined;
  }

  /** The oldest segment's rows; the file stays until release(). */
  async oldest(): Promise<{ segment: SpillSegment; rows: RequestLogRow[] } | null> {
    const segment = this.segments[0];
    if (!segment) return null;
    if (this.writing?.segment === segment) this.seal();
    const rows: RequestLogRow[] = [];
    for (const line of (await readFile(segment.file, "utf8").catch(() => "")).split("\n")) {
      if (!line) continue;
      try {
        rows.push(decodeRow(line));
      } catch {
        this.unreadable++;
      }
    }
    return { segment, rows };
  }

  /** Deletes a segment whose rows are all written. */
  async release(segment: SpillSegment) {
    this.segments = this.segments.filter((s) => s !== segment);
    this.count(segment, -1);
    await unlink(segment.file).catch(() => {});
  }

  /** After close(): writes rows straight to a file the next start adopts (a call that ended during shutdown). */
  appendAfterClose(rows: RequestLogRow[]) {
    this.lateFile ??= path.join(this.options.dir, `closed-${randomBytes(4).toString("hex")}.0.jsonl`);
    appendFileSync(this.lateFile, rows.map((r) => `${encodeRow(r)}\n`).join(""));
  }

  /** Closes the segment being written and leaves every segment for the next start (shutdown). */
  async close() {
    this.seal();
    leaveForNextStart(this.options.dir, this.segments);
    this.segments = [];
    this.rows = 0;
    this.bytes = 0;
  }
}
