// The shared Redis connection for state that must hold across replicas (cache, rate limits, locks).
import Redis from "ioredis";

export interface RedisState {
  redis: Redis;
  /** Prefix of every key Tollgate writes (TOLLGATE_REDIS_PREFIX), so several apps can share a server. */
  prefix: string;
}

export function connectRedis(url: string, prefix = "tollgate:"): RedisState {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  redis.on("error", () => {}); // reconnects by itself; callers see failed commands
  return { redis, prefix };
}
