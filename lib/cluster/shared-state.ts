// The state that must be one across gateway workers when there is no Redis: rate limits,
// budget totals, the response cache and (on SQLite) the log writer live in the primary process,
// and workers reach them by RPC. A limit is then counted once, never once per worker, and
// SQLite has one writer. With REDIS_URL, workers use Redis directly and these stores are only
// the fallback while Redis is down, so a limit still holds across workers then.
import type { BudgetCharge, BudgetStore, ReserveResult } from "../budgets/store";
import { MemoryBudgetStore } from "../budgets/store";
import { EmbeddedCacheStore } from "../cache/embedded-store";
import type { CacheHit, CachedResponse, CacheSettings, ResponseCacheStore } from "../cache/types";
import type { DeadLetter, RequestLogRow, RequestLogWriter, WriteFailure } from "../db/request-log";
import { createRequestLogWriter } from "../db/request-log-writer";
import type { DatabaseTarget } from "../db/url";
import { MemoryRateLimitStore } from "../ratelimit/memory-store";
import type { Bucket, Decision, RateLimitStore, Reservation } from "../ratelimit/types";
import { type Methods, RemoteError, type RpcPeer } from "./rpc";

/**
 * What workers read from the database for the hot path (API keys, provider keys, prices, rate
 * limit rules, budgets), kept by the primary as last read by any worker: while the database is
 * unreachable, a worker that never read a workspace's settings answers with what another worker
 * read, so its calls are answered and logged as one process's would be from its own caches.
 */
export interface RememberedReads {
  remember(kind: string, key: string, value: unknown): void;
  recall(kind: string, key: string): Promise<unknown>;
}

/** A database read that tells the primary what it found, and asks it when the database fails. */
export function readWithMemory<T>(kind: string, read: (key: string) => Promise<T>, memory: RememberedReads | undefined): (key: string) => Promise<T> {
  if (!memory) return read;
  return async (key) => {
    try {
      const value = await read(key);
      memory.remember(kind, key, value);
      return value;
    } catch (error) {
      const remembered = await memory.recall(kind, key).catch(() => undefined);
      if (remembered === undefined) throw error;
      return remembered as T;
    }
  };
}

const MAX_REMEMBERED_READS = 50_000;

export interface SharedStores {
  reads?: RememberedReads;
  rateLimits: RateLimitStore;
  budgets: BudgetStore;
  cache: ResponseCacheStore;
  /** Only on SQLite: one process writes the file. */
  writer?: RequestLogWriter;
}

/** The primary's side: the stores themselves, and the methods workers call. */
export function hostSharedState(target: DatabaseTarget): { methods: Methods; describeError: (error: unknown) => unknown; close: () => Promise<void> } {
  const rateLimits = new MemoryRateLimitStore();
  let budgets = new MemoryBudgetStore();
  // Only workers without Redis use it; with Redis a cache outage is a miss, as in one process.
  let cache: EmbeddedCacheStore | undefined;
  const embeddedCache = () => (cache ??= new EmbeddedCacheStore());
  const writer = target.kind === "sqlite" ? createRequestLogWriter(target) : undefined;
  const reads = new Map<string, unknown>();
  const methods: Methods = {
    "reads.remember": (kind: string, key: string, value: unknown) => {
      if (reads.size >= MAX_REMEMBERED_READS) reads.clear();
      reads.set(`${kind}\u0000${key}`, value);
    },
    "reads.recall": (kind: string, key: string) => reads.get(`${kind}\u0000${key}`),
    "rateLimits.take": (requestId: string, buckets: Bucket[], now: number) => rateLimits.take(requestId, buckets, now),
    "rateLimits.settle": (reservation: Reservation, actual: number) => rateLimits.settle(reservation, actual),
    "budgets.reserve": (charges: BudgetCharge[]) => budgets.reserve(charges),
    "budgets.seed": (key: string, spentNano: number, ttlMs: number) => budgets.seed(key, spentNano, ttlMs),
    "budgets.adjust": (key: string, deltaNano: number) => budgets.adjust(key, deltaNano),
    // After a Redis outage the fallback totals are forgotten, so the next outage starts from the log.
    "budgets.forget": () => void (budgets = new MemoryBudgetStore()),
    "cache.read": (key: string, bucketSize: number) => embeddedCache().read(key, bucketSize),
    "cache.save": (key: string, workspaceId: string, response: CachedResponse, settings: CacheSettings) => embeddedCache().save(key, workspaceId, response, settings),
  };
  if (writer) {
    Object.assign(methods, {
      "log.writeBatch": (rows: RequestLogRow[]) => writer.writeBatch(rows),
      "log.writeDeadLetters": (letters: DeadLetter[]) => writer.writeDeadLetters(letters),
      "log.reachable": () => writer.reachable(),
    });
  }
  return {
    methods,
    // A worker's log queue decides from the class whether to retry, dead-letter or skip a row.
    describeError: (error) => writer?.classify(error),
    close: async () => {
      await Promise.all([rateLimits.close(), budgets.close(), cache?.close(), writer?.close()]);
    },
  };
}

/** A worker's side: stores that forward to the primary. */
export function remoteSharedState(primary: RpcPeer, target: DatabaseTarget): SharedStores & { forgetBudgets: () => Promise<void> } {
  const rateLimits: RateLimitStore = {
    take: (requestId, buckets, now) => primary.call<Decision>("rateLimits.take", requestId, buckets, now),
    settle: (reservation, actual) => primary.call("rateLimits.settle", reservation, actual),
    close: async () => {},
  };
  const budgets: BudgetStore = {
    reserve: (charges) => primary.call<ReserveResult>("budgets.reserve", charges),
    seed: (key, spentNano, ttlMs) => primary.call("budgets.seed", key, spentNano, ttlMs),
    adjust: (key, deltaNano) => primary.call("budgets.adjust", key, deltaNano),
    close: async () => {},
  };
  const cache: ResponseCacheStore = {
    read: (key, bucketSize) => primary.call<CacheHit | null>("cache.read", key, bucketSize),
    save: (key, workspaceId, response, settings) => primary.call("cache.save", key, workspaceId, response, settings),
    close: async () => {},
  };
  const writer: RequestLogWriter | undefined =
    target.kind === "sqlite"
      ? {
          writeBatch: (rows) => primary.call("log.writeBatch", rows),
          writeDeadLetters: (letters) => primary.call("log.writeDeadLetters", letters),
          // The primary classifies its database's error; a primary that is gone is an outage (rows spill to disk).
          classify: (error): WriteFailure => (error instanceof RemoteError && typeof error.data === "string" ? (error.data as WriteFailure) : "outage"),
          reachable: () => primary.call<boolean>("log.reachable").catch(() => false),
          close: async () => {},
        }
      : undefined;
  const reads: RememberedReads = {
    remember: (kind, key, value) => void primary.call("reads.remember", kind, key, value).catch(() => {}),
    recall: (kind, key) => primary.call("reads.recall", kind, key),
  };
  return { reads, rateLimits, budgets, cache, writer, forgetBudgets: () => primary.call("budgets.forget") };
}
