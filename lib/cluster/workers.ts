// How many gateway workers `npm start` runs (TOLLGATE_WORKERS).
import { availableParallelism } from "node:os";
import type { DatabaseTarget } from "../db/url";

/**
 * TOLLGATE_WORKERS=N, or by default one per core on Postgres. On the embedded SQLite default one
 * process is the default: every log row crosses to the single writer, and docs/benchmarks.md
 * shows what a second worker buys there.
 */
export function workerCount(env: Record<string, string | undefined>, target: DatabaseTarget): number {
  const set = env.TOLLGATE_WORKERS?.trim();
  if (set) {
    const n = Number(set);
    if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`TOLLGATE_WORKERS must be a whole number from 1 to 256, not "${set}"`);
    return n;
  }
  return target.kind === "postgres" ? availableParallelism() : 1;
}
