// Rate-limit windows in Redis, exact across replicas: one Lua script checks every bucket of a
// request and records it in all of them, or in none. Each bucket is a sorted set of uses
// scored by time, whose members carry their amount.
import type Redis from "ioredis";
import type { Bucket, Decision, RateLimitStore, Reservation } from "./types";

// KEYS: buckets. ARGV: now, member prefix, then per bucket: windowMs, limit, amount.
// Returns {allowed(0/1), blockedIndex(1-based or 0), remaining1, reset1, remaining2, reset2, …}.
const TAKE = `
local now = tonumber(ARGV[1])
local results = {}
local blocked = 0
for i, key in ipairs(KEYS) do
  local window = tonumber(ARGV[2 + (i - 1) * 3 + 1])
  local limit = tonumber(ARGV[2 + (i - 1) * 3 + 2])
  local amount = tonumber(ARGV[2 + (i - 1) * 3 + 3])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local used = 0
  for _, member in ipairs(redis.call('ZRANGE', key, 0, -1)) do
    used = used + tonumber(string.match(member, ':([^:]+)$'))
  end
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  local reset = window
  if oldest[2] then reset = tonumber(oldest[2]) + window - now end
  local fits = used + amount <= limit
  if not fits and blocked == 0 then blocked = i end
  local remaining = limit - used
  if fits then remaining = remaining - amount end
  if remaining < 0 then remaining = 0 end
  results[#results + 1] = remaining
  results[#results + 1] = reset
end
if blocked == 0 then
  for i, key in ipairs(KEYS) do
    local window = tonumber(ARGV[2 + (i - 1) * 3 + 1])
    local amount = ARGV[2 + (i - 1) * 3 + 3]
    redis.call('ZADD', key, now, ARGV[2] .. ':' .. amount)
    redis.call('PEXPIRE', key, window)
  end
end
local out = {blocked == 0 and 1 or 0, blocked}
for _, v in ipairs(results) do out[#out + 1] = v end
return out`;

const SETTLE = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
if tonumber(ARGV[2]) > 0 then redis.call('ZADD', KEYS[1], score, ARGV[3]) end
return 1`;

export class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async take(requestId: string, buckets: Bucket[], now: number): Promise<Decision> {
    const keys = buckets.map((b) => `${this.prefix}ratelimit:${b.key}`);
    const args = [String(now), requestId, ...buckets.flatMap((b) => [String(b.windowMs), String(b.limit), String(b.amount)])];
    const out = (await this.redis.eval(TAKE, keys.length, ...keys, ...args)) as number[];
    const states = buckets.map((_, i) => ({ remaining: Number(out[2 + i * 2]), resetMs: Number(out[3 + i * 2]) }));
    return out[0] === 1 ? { allowed: true, states } : { allowed: false, blockedIndex: Number(out[1]) - 1, states };
  }

  async settle({ key, member }: Reservation, actual: number): Promise<void> {
    const requestId = member.slice(0, member.lastIndexOf(":"));
    await this.redis.eval(SETTLE, 1, `${this.prefix}ratelimit:${key}`, member, String(actual), `${requestId}:${actual}`);
  }

  async close() {}
}
