// State stores that survive a Redis outage: each call goes to Redis through the breaker and,
// when Redis is down, to this process's own store at once. By default rate limits and budgets
// then count in-process (a limit holds per replica instead of across them); with
// TOLLGATE_REDIS_FALLBACK=refuse they fail closed and the gateway answers 503. The response
// cache treats an outage as a miss.
import type { BudgetStore } from "../budgets/store";
import type { CacheHit, CachedResponse, CacheSettings, ResponseCacheStore } from "../cache/types";
import type { Bucket, Decision, RateLimitStore, Reservation } from "../ratelimit/types";
import type { RedisBreaker } from "./redis";

export type RedisFallback = "memory" | "refuse";

export const redisFallback = (env: Record<string, string | undefined> = process.env): RedisFallback => (env.TOLLGATE_REDIS_FALLBACK === "refuse" ? "refuse" : "memory");

const refuse = async (): Promise<never> => {
  throw new Error("Redis is unreachable and TOLLGATE_REDIS_FALLBACK=refuse");
};

export class FailoverRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: RateLimitStore,
    private readonly local: RateLimitStore,
    private readonly breaker: RedisBreaker,
    private readonly mode: RedisFallback,
  ) {}

  take(requestId: string, buckets: Bucket[], now: number): Promise<Decision> {
    return this.breaker.run(
      () => this.redis.take(requestId, buckets, now),
      () => (this.mode === "refuse" ? refuse() : this.local.take(requestId, buckets, now)),
    );
  }

  async settle(reservation: Reservation, actual: number): Promise<void> {
    // The reservation is in whichever store took it; settling where it is not is a no-op.
    await Promise.all([this.breaker.run(() => this.redis.settle(reservation, actual), async () => {}), this.local.settle(reservation, actual)]);
  }

  async close() {
    await Promise.all([this.redis.close(), this.local.close()]);
  }
}

/**
 * Budget totals: in Redis, or during an outage in a local store seeded afresh from the request
 * log (the budget stage seeds unknown totals). The local totals are forgotten once Redis answers
 * again, so a later outage starts from the log, not from stale figures.
 */
export class FailoverBudgetStore implements BudgetStore {
  private local: BudgetStore;
  private usedLocal = false;

  constructor(
    private readonly redis: BudgetStore,
    private readonly makeLocal: () => BudgetStore,
    private readonly breaker: RedisBreaker,
    private readonly mode: RedisFallback,
  ) {
    this.local = makeLocal();
  }

  private run<T>(primary: (store: BudgetStore) => Promise<T>, refuseOutage: boolean): Promise<T> {
    return this.breaker.run(
      async () => {
        const result = await primary(this.redis);
        if (this.usedLocal) {
          this.usedLocal = false;
          this.local = this.makeLocal();
        }
        return result;
      },
      async () => {
        if (refuseOutage && this.mode === "refuse") return refuse();
        this.usedLocal = true;
        return primary(this.local);
      },
    );
  }

  reserve(...args: Parameters<BudgetStore["reserve"]>) {
    return this.run((store) => store.reserve(...args), true);
  }

  seed(key: string, spentNano: number, ttlMs: number) {
    return this.run((store) => store.seed(key, spentNano, ttlMs), false);
  }

  adjust(key: string, deltaNano: number) {
    return this.run((store) => store.adjust(key, deltaNano), false);
  }

  async close() {
    await Promise.all([this.redis.close(), this.local.close()]);
  }
}

export class FailoverCacheStore implements ResponseCacheStore {
  constructor(
    private readonly redis: ResponseCacheStore,
    private readonly breaker: RedisBreaker,
  ) {}

  read(hash: string, bucketSize: number): Promise<CacheHit | null> {
    return this.breaker.run(() => this.redis.read(hash, bucketSize), async () => null);
  }

  save(hash: string, workspaceId: string, response: CachedResponse, settings: CacheSettings): Promise<void> {
    return this.breaker.run(() => this.redis.save(hash, workspaceId, response, settings), async () => {});
  }

  close() {
    return this.redis.close();
  }
}
