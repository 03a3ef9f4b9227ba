// Failed sign-in attempts are limited per email from one client address, and per address, with
// the gateway's own sliding windows: in Redis when REDIS_URL is set (so every replica counts
// together), else in the process. A hard lock per email alone would let anyone lock the real
// owner out by failing on purpose; instead, failures for one email from every address together
// only slow its sign-ins down (SLOW_AFTER, SLOW_MS). Passwords cannot be guessed faster than
// this, whatever the password hashing costs.
import { randomUUID } from "node:crypto";
import { MemoryRateLimitStore } from "../ratelimit/memory-store";
import { RedisRateLimitStore } from "../ratelimit/redis-store";
import { type Bucket, type RateLimitStore, memberOf } from "../ratelimit/types";
import { FailoverRateLimitStore } from "../state/failover";
import { connectRedis } from "../state/redis";

const WINDOW_MS = 15 * 60_000;
const PER_EMAIL_AND_ADDRESS = 10;
const PER_ADDRESS = 50;
/** Failures for one email from all addresses after which each attempt waits SLOW_MS. */
const SLOW_AFTER = 20;
const SLOW_MS = 1_000;
const RESETS_PER_EMAIL = 3;
const RESETS_PER_ADDRESS = 20;

export const TOO_MANY_ATTEMPTS = "TooManyAttempts";

const holder = globalThis as unknown as { tollgateLoginLimits?: RateLimitStore };

function store(): RateLimitStore {
  if (!holder.tollgateLoginLimits) {
    const redis = process.env.REDIS_URL ? connectRedis(process.env.REDIS_URL, process.env.TOLLGATE_REDIS_PREFIX || undefined) : undefined;
    holder.tollgateLoginLimits = redis ? new FailoverRateLimitStore(new RedisRateLimitStore(redis.redis, redis.prefix), new MemoryRateLimitStore(), redis.breaker, "memory") : new MemoryRateLimitStore();
  }
  return holder.tollgateLoginLimits;
}

const policy = (quota: number) => ({ quota, windowSeconds: WINDOW_MS / 1000, unit: "requests" as const, segment: { kind: "workspace" as const }, label: `${quota};w=${WINDOW_MS / 1000}` });

export interface LoginAttempt {
  allowed: boolean;
  /** The password was right: the attempt no longer counts, so only failures use the budget. */
  succeeded(): Promise<void>;
}

/** Takes one attempt from each bucket; a store that is down lets everything through. */
async function attemptIn(buckets: Bucket[]): Promise<LoginAttempt> {
  const id = randomUUID();
  try {
    const { allowed } = await store().take(id, buckets, Date.now());
    return {
      allowed,
      succeeded: async () => {
        if (!allowed) return;
        await Promise.all(buckets.map((b) => store().settle({ key: b.key, member: memberOf(id, 1), amount: 1 }, 0))).catch(() => {});
      },
    };
  } catch {
    // The shared state is down: sign-in still works, unlimited, rather than not at all.
    return { allowed: true, succeeded: async () => {} };
  }
}

const bucket = (key: string, limit: number): Bucket => ({ key, windowMs: WINDOW_MS, limit, amount: 1, policy: policy(limit) });

/**
 * Records an attempt; not allowed when this email from this address, or this address, has failed
 * too often in the last 15 minutes; slowed when the email has failed often from anywhere.
 * Counted before the password is checked, so parallel guesses cannot slip past.
 */
export async function allowLoginAttempt(email: string, address: string | undefined): Promise<LoginAttempt> {
  const who = email.toLowerCase();
  const attempt = await attemptIn([bucket(`login:email:${who}:from:${address ?? "unknown"}`, PER_EMAIL_AND_ADDRESS), ...(address ? [bucket(`login:addr:${address}`, PER_ADDRESS)] : [])]);
  if (!attempt.allowed) return attempt;
  const everywhere = await attemptIn([bucket(`login:email:${who}`, SLOW_AFTER)]);
  if (!everywhere.allowed) await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
  return {
    allowed: true,
    succeeded: async () => {
      await Promise.all([attempt.succeeded(), everywhere.succeeded()]);
    },
  };
}

/** "Forgot password" requests: a few per email and per address, so nobody is flooded with mail. */
export async function allowResetRequest(email: string, address: string | undefined): Promise<boolean> {
  return (await attemptIn([bucket(`reset:email:${email.toLowerCase()}`, RESETS_PER_EMAIL), ...(address ? [bucket(`reset:addr:${address}`, RESETS_PER_ADDRESS)] : [])])).allowed;
}
