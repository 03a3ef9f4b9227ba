// The shared Redis connection for state that must hold across replicas (cache, rate limits,
// budgets, locks). Redis must never make a call slow: commands fail after tens of
// milliseconds, nothing queues while it is disconnected, and a breaker (RedisBreaker) stops
// asking a Redis that just failed, so callers fall back at once (failover.ts).
import Redis from "ioredis";

export interface RedisState {
  redis: Redis;
  /** Prefix of every key Tollgate writes (TOLLGATE_REDIS_PREFIX), so several apps can share a server. */
  prefix: string;
  breaker: RedisBreaker;
}

export interface RedisTimeouts {
  /** TOLLGATE_REDIS_TIMEOUT_MS: the longest a command or a connection attempt may take. */
  timeoutMs: number;
  /** How long a failed Redis is left alone before one call tries it again. */
  cooldownMs: number;
}

export function redisTimeouts(env: Record<string, string | undefined> = process.env): RedisTimeouts {
  const timeoutMs = Number(env.TOLLGATE_REDIS_TIMEOUT_MS);
  return { timeoutMs: Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : 50, cooldownMs: 1_000 };
}

/**
 * Open after two failures in a row (one slow command on a busy machine is not an outage): callers
 * skip Redis until the cooldown ends, then one call tries again. A call whose command failed
 * takes the fallback either way.
 */
export class RedisBreaker {
  private openUntil = 0;
  private failuresInARow = 0;
  lastError: string | null = null;
  /** Fallbacks taken because Redis was down, since start. */
  fallbacks = 0;
  /**
   * Resolves once Redis is first ready. Calls in the first second of a process wait for it (up to
   * the command timeout) instead of counting apart in-process while the connection is still being
   * made; after that, a Redis that never came up costs nothing.
   */
  private readonly firstReady: Promise<void>;
  private everReady = false;
  private readonly startupUntil = Date.now() + 1_000;

  constructor(
    private readonly redis: Redis,
    private readonly cooldownMs: number,
    private readonly timeoutMs = 50,
  ) {
    this.firstReady = new Promise((resolve) =>
      redis.once("ready", () => {
        this.everReady = true;
        resolve();
      }),
    );
  }

  /** Redis is connected and did not fail within the cooldown. */
  get up(): boolean {
    return this.redis.status === "ready" && Date.now() >= this.openUntil;
  }

  /** Runs `primary` on Redis; when Redis is down or the command fails, `fallback` instead. */
  async run<T>(primary: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    if (!this.everReady && Date.now() < this.startupUntil) await Promise.race([this.firstReady, new Promise((resolve) => setTimeout(resolve, this.timeoutMs))]);
    if (!this.up) {
      this.fallbacks++;
      return fallback();
    }
    try {
      const result = await primary();
      this.failuresInARow = 0;
      return result;
    } catch (error) {
      if (++this.failuresInARow >= 2 || this.redis.status !== "ready") this.openUntil = Date.now() + this.cooldownMs;
      this.lastError = (error as Error).message;
      this.fallbacks++;
      return fallback();
    }
  }
}

export function connectRedis(url: string, prefix = "tollgate:", timeouts: RedisTimeouts = redisTimeouts()): RedisState {
  const redis = new Redis(url, {
    lazyConnect: false,
    connectTimeout: Math.max(timeouts.timeoutMs, 20),
    commandTimeout: timeouts.timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false, // while disconnected, fail at once instead of waiting
    retryStrategy: (times) => Math.min(times * 100, 1_000), // keep reconnecting, at most every second
  });
  redis.on("error", () => {}); // reconnects by itself; callers see failed commands
  return { redis, prefix, breaker: new RedisBreaker(redis, timeouts.cooldownMs, Math.max(timeouts.timeoutMs, 20)) };
}
