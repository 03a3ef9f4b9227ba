// Rate-limit windows in this process (embedded mode). JavaScript runs one thing at a time, and
// take() never awaits between checking and recording, so it is exact under concurrency.
import { type Bucket, type BucketState, type Decision, type RateLimitStore, type Reservation, amountOf, memberOf } from "./types";

interface Use {
  at: number;
  member: string;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private windows = new Map<string, { uses: Use[]; expiresAt: number }>();

  private current(key: string, windowMs: number, now: number): Use[] {
    const entry = this.windows.get(key);
    if (!entry) return [];
    entry.uses = entry.uses.filter((u) => u.at > now - windowMs);
    return entry.uses;
  }

  async take(requestId: string, buckets: Bucket[], now: number): Promise<Decision> {
    const states: BucketState[] = [];
    let blockedIndex = -1;
    buckets.forEach((b, i) => {
      const uses = this.current(b.key, b.windowMs, now);
      const used = uses.reduce((sum, u) => sum + amountOf(u.member), 0);
      const fits = used + b.amount <= b.limit;
      if (!fits && blockedIndex === -1) blockedIndex = i;
      states.push({ remaining: Math.max(0, b.limit - used - (fits ? b.amount : 0)), resetMs: uses.length ? uses[0]!.at + b.windowMs - now : b.windowMs });
    });
    if (blockedIndex !== -1) return { allowed: false, blockedIndex, states };
    for (const b of buckets) {
      const uses = this.current(b.key, b.windowMs, now);
      uses.push({ at: now, member: memberOf(requestId, b.amount) });
      this.windows.set(b.key, { uses, expiresAt: now + b.windowMs });
    }
    this.sweep(now);
    return { allowed: true, states };
  }

  async settle({ key, member }: Reservation, actual: number): Promise<void> {
    const entry = this.windows.get(key);
    const use = entry?.uses.find((u) => u.member === member);
    if (!entry || !use) return;
    if (actual > 0) use.member = memberOf(member.slice(0, member.lastIndexOf(":")), actual);
    else entry.uses.splice(entry.uses.indexOf(use), 1);
  }

  /** Drops windows nobody used for a whole window, now and then, so memory stays bounded. */
  private lastSweep = 0;
  private sweep(now: number) {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, entry] of this.windows) if (entry.expiresAt < now) this.windows.delete(key);
  }

  async close() {}
}
