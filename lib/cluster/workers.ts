// How many gateway workers `npm start` runs (TOLLGATE_WORKERS).
import { availableParallelism } from "node:os";

/**
 * TOLLGATE_WORKERS=N, or by default one per core, on SQLite too: although every log row crosses
 * to the primary's single writer there, docs/benchmarks.md measures more throughput with a worker
 * per core from 16 concurrent calls up, on both databases (a single caller gains nothing).
 */
export function workerCount(env: Record<string, string | undefined>): number {
  const set = env.TOLLGATE_WORKERS?.trim();
  if (set) {
    const n = Number(set);
    if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`TOLLGATE_WORKERS must be a whole number from 1 to 256, not "${set}"`);
    return n;
  }
  return availableParallelism();
}
