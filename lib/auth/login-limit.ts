// Sign-in attempts are limited per email and per client address, with the gateway's own
// sliding windows: in Redis when REDIS_URL is set (so every replica counts together), else in
// the process. Passwords cannot be guessed faster than this, whatever the password hashing costs.
import { randomUUID } from "node:crypto";
import { MemoryRateLimitStore } from "../ratelimit/memory-store";
import { RedisRateLimitStore } from "../ratelimit/redis-store";
import type { RateLimitStore } from "../ratelimit/types";
import { connectRedis } from "../state/redis";

const WINDOW_MS = 15 * 60_000;
const PER_EMAIL = 10;
const PER_ADDRESS = 50;

export const TOO_MANY_ATTEMPTS = "TooManyAttempts";

const holder = globalThis as unknown as { tollgateLoginLimits?: RateLimitStore };

function store(): RateLimitStore {
  if (!holder.tollgateLoginLimits) {
    const redis = process.env.REDIS_URL ? connectRedis(process.env.REDIS_URL, process.env.TOLLGATE_REDIS_PREFIX || undefined) : undefined;
    holder.tollgateLoginLimits = redis ? new RedisRateLimitStore(redis.redis, redis.prefix) : new MemoryRateLimitStore();
  }
  return holder.tollgateLoginLimits;
}

const policy = (quota: number) => ({ quota, windowSeconds: WINDOW_MS / 1000, unit: "requests" as const, segment: { kind: "workspace" as const }, label: `${quota};w=${WINDOW_MS / 1000}` });

/** Records an attempt; false when this email or address has tried too often in the last 15 minutes. */
export async function allowLoginAttempt(email: string, address: string | undefined): Promise<boolean> {
  const buckets = [{ key: `login:email:${email.toLowerCase()}`, windowMs: WINDOW_MS, limit: PER_EMAIL, amount: 1, policy: policy(PER_EMAIL) }];
  if (address) buckets.push({ key: `login:addr:${address}`, windowMs: WINDOW_MS, limit: PER_ADDRESS, amount: 1, policy: policy(PER_ADDRESS) });
  try {
    return (await store().take(randomUUID(), buckets, Date.now())).allowed;
  } catch {
    return true; // the shared state is down: sign-in still works, unlimited, rather than not at all
  }
}
