// The response cache in Redis, shared by every replica: one list per key holding the bucket's
// entries, expiring with the first entry's TTL. Appends are atomic (Lua), so a bucket never
// overfills when replicas save at once.
import type Redis from "ioredis";
import type { CacheHit, CachedResponse, CacheSettings, ResponseCacheStore } from "./types";

const APPEND = `
local size = redis.call('LLEN', KEYS[1])
if size >= tonumber(ARGV[2]) then return size end
redis.call('RPUSH', KEYS[1], ARGV[1])
if size == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return size + 1`;

export class RedisCacheStore implements ResponseCacheStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(hash: string) {
    return `${this.prefix}cache:${hash}`;
  }

  async read(hash: string, bucketSize: number): Promise<CacheHit | null> {
    const entries = await this.redis.lrange(this.key(hash), 0, -1);
    if (entries.length < bucketSize) return null;
    const bucketIndex = Math.floor(Math.random() * entries.length);
    return { response: JSON.parse(entries[bucketIndex]!) as CachedResponse, bucketIndex };
  }

  async save(hash: string, _workspaceId: string, response: CachedResponse, settings: CacheSettings): Promise<void> {
    await this.redis.eval(APPEND, 1, this.key(hash), JSON.stringify(response), String(settings.bucketSize), String(settings.ttlSeconds * 1000));
  }

  async close() {}
}
