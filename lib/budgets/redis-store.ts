// Budget totals in Redis, shared by every replica: integer nano-USD counters, checked and
// added in one Lua script so concurrent calls on several replicas cannot overspend.
import type Redis from "ioredis";
import type { BudgetCharge, BudgetStore, ReserveResult } from "./store";

// KEYS: totals. ARGV: per key limit, amount. Returns {0} reserved, {1, index, spent} exceeded,
// {2, index…} unknown totals (1-based indexes).
const RESERVE = `
local unknown = {2}
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 0 then unknown[#unknown + 1] = i end
end
if #unknown > 1 then return unknown end
for i, key in ipairs(KEYS) do
  local spent = tonumber(redis.call('GET', key))
  local limit = tonumber(ARGV[(i - 1) * 2 + 1])
  local amount = tonumber(ARGV[(i - 1) * 2 + 2])
  if spent + amount > limit or (amount == 0 and spent >= limit) then return {1, i, tostring(spent)} end
end
for i, key in ipairs(KEYS) do
  redis.call('INCRBY', key, ARGV[(i - 1) * 2 + 2])
end
return {0}`;

// Adjusts only a total that still exists: after its period expired there is nothing to correct.
const ADJUST = `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end return 0`;

export class RedisBudgetStore implements BudgetStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key = (key: string) => `${this.prefix}budget:${key}`;

  async reserve(charges: BudgetCharge[]): Promise<ReserveResult> {
    const args = charges.flatMap((c) => [String(Math.round(c.limitNano)), String(Math.round(c.amountNano))]);
    const out = (await this.redis.eval(RESERVE, charges.length, ...charges.map((c) => this.key(c.key)), ...args)) as (number | string)[];
    if (out[0] === 0) return { outcome: "reserved" };
    if (out[0] === 1) return { outcome: "exceeded", index: Number(out[1]) - 1, spentNano: Number(out[2]) };
    return { outcome: "unknown", indexes: out.slice(1).map((i) => Number(i) - 1) };
  }

  async seed(key: string, spentNano: number, ttlMs: number) {
    await this.redis.set(this.key(key), String(Math.round(spentNano)), "PX", Math.max(1, Math.round(ttlMs)), "NX");
  }

  async adjust(key: string, deltaNano: number) {
    if (deltaNano !== 0) await this.redis.eval(ADJUST, 1, this.key(key), String(Math.round(deltaNano)));
  }

  async close() {}
}
