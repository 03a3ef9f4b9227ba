// Running budget totals for the current period, in nano-USD: what was spent plus what calls in
// flight have reserved. One atomic check-and-add covers all the budgets a request falls in.
// A total unknown to the store (first call of a period, or after a restart) is seeded from the
// request log, once, by whoever sees it missing first.

export interface BudgetCharge {
  /** budget id, scope value and period start: a new period is a new key. */
  key: string;
  limitNano: number;
  /** The most this request can cost (0 for an unpriced model). */
  amountNano: number;
  /** How long the total must be kept: to the end of its period. */
  ttlMs: number;
}

export type ReserveResult = { outcome: "reserved" } | { outcome: "exceeded"; index: number; spentNano: number } | { outcome: "unknown"; indexes: number[] };

export interface BudgetStore {
  /** All charges fit (spent + amount ≤ limit, and an exhausted budget admits nothing): add them all. */
  reserve(charges: BudgetCharge[]): Promise<ReserveResult>;
  /** Sets a total if it is still unknown. */
  seed(key: string, spentNano: number, ttlMs: number): Promise<void>;
  /** Corrects a total once the call's real cost is known (negative gives back the unused reservation). */
  adjust(key: string, deltaNano: number): Promise<void>;
  close(): Promise<void>;
}

export const fits = (spent: number, amount: number, limit: number) => spent + amount <= limit && (amount > 0 || spent < limit);

/** Embedded mode: the totals of this process (SQLite deployments run one). */
export class MemoryBudgetStore implements BudgetStore {
  private totals = new Map<string, { spent: number; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  private current(key: string) {
    const entry = this.totals.get(key);
    if (entry && entry.expiresAt <= this.now()) this.totals.delete(key);
    return this.totals.get(key);
  }

  async reserve(charges: BudgetCharge[]): Promise<ReserveResult> {
    const entries = charges.map((c) => this.current(c.key));
    const unknown = entries.flatMap((e, i) => (e ? [] : [i]));
    if (unknown.length) return { outcome: "unknown", indexes: unknown };
    const index = charges.findIndex((c, i) => !fits(entries[i]!.spent, c.amountNano, c.limitNano));
    if (index >= 0) return { outcome: "exceeded", index, spentNano: entries[index]!.spent };
    charges.forEach((c, i) => (entries[i]!.spent += c.amountNano));
    return { outcome: "reserved" };
  }

  async seed(key: string, spentNano: number, ttlMs: number) {
    if (!this.current(key)) this.totals.set(key, { spent: spentNano, expiresAt: this.now() + ttlMs });
  }

  async adjust(key: string, deltaNano: number) {
    const entry = this.current(key);
    if (entry) entry.spent += deltaNano;
  }

  async close() {}
}
