// The embedded response cache: an in-process LRU in front of the CacheEntry table, so hits are
// memory reads and the cache survives restarts. Expired rows are deleted every few minutes.
import { type Db, db as defaultDb } from "../db/client";
import { deleteExpiredCacheEntries, insertCacheEntry, readCacheEntries } from "../db/cache-entries";
import type { CacheHit, CachedResponse, CacheSettings, ResponseCacheStore } from "./types";

interface Bucket {
  entries: CachedResponse[];
  expiresAt: number;
}

const MAX_KEYS = 5_000;
const CLEANUP_INTERVAL_MS = 10 * 60_000;

const pickRandom = (bucket: Bucket): CacheHit => {
  const bucketIndex = Math.floor(Math.random() * bucket.entries.length);
  return { response: bucket.entries[bucketIndex]!, bucketIndex };
};

export class EmbeddedCacheStore implements ResponseCacheStore {
  private lru = new Map<string, Bucket>();
  private timer: NodeJS.Timeout;

  constructor(private readonly db: () => Db = defaultDb) {
    this.timer = setInterval(() => void deleteExpiredCacheEntries(new Date(), this.db()).catch(() => {}), CLEANUP_INTERVAL_MS);
    this.timer.unref();
  }

  private remember(key: string, bucket: Bucket) {
    this.lru.delete(key); // re-insert: Map order is recency order
    this.lru.set(key, bucket);
    if (this.lru.size > MAX_KEYS) this.lru.delete(this.lru.keys().next().value!);
  }

  private async bucket(key: string): Promise<Bucket | null> {
    const now = Date.now();
    const cached = this.lru.get(key);
    if (cached && cached.expiresAt > now) return cached;
    const rows = await readCacheEntries(key, new Date(now), this.db());
    if (rows.length === 0) return null;
    const bucket = { entries: rows.map((r) => JSON.parse(r.response) as CachedResponse), expiresAt: Math.min(...rows.map((r) => r.expiresAt.getTime())) };
    this.remember(key, bucket);
    return bucket;
  }

  async read(key: string, bucketSize: number): Promise<CacheHit | null> {
    const bucket = await this.bucket(key);
    return bucket && bucket.entries.length >= bucketSize ? pickRandom(bucket) : null;
  }

  async save(key: string, workspaceId: string, response: CachedResponse, settings: CacheSettings): Promise<void> {
    const bucket = await this.bucket(key);
    const index = bucket?.entries.length ?? 0;
    if (index >= settings.bucketSize) return;
    const expiresAt = bucket?.expiresAt ?? Date.now() + settings.ttlSeconds * 1000;
    const stored = await insertCacheEntry({ key, bucketIndex: index, workspaceId, response: JSON.stringify(response), expiresAt: new Date(expiresAt) }, this.db());
    if (stored) this.remember(key, { entries: [...(bucket?.entries ?? []), response], expiresAt });
    else this.lru.delete(key); // another request filled the slot: reload next time
  }

  async close() {
    clearInterval(this.timer);
  }
}
