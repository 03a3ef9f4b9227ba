// The background jobs of a server process: every minute (TOLLGATE_ALERTS_INTERVAL_MS), on one
// replica at a time, evaluate alert rules and announce budget thresholds. Started once per
// process from instrumentation.ts (next start) or server.ts (npm start).
import { evaluateAlerts } from "../alerts/evaluate";
import { dispatchOptions } from "../alerts/dispatch";
import { announceBudgetThresholds } from "../budgets/notices";
import { type Db, db as defaultDb } from "../db/client";
import { resolveDatabase } from "../db/url";
import { connectRedis } from "../state/redis";
import { type Leader, leaderFor } from "./leader";

export interface Jobs {
  /** One tick now (tests and the first run); resolves when it is done or skipped. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export function startJobs(env: Record<string, string | undefined> = process.env, db: Db = defaultDb()): Jobs {
  const intervalMs = Number(env.TOLLGATE_ALERTS_INTERVAL_MS) || 60_000;
  const redis = env.REDIS_URL ? connectRedis(env.REDIS_URL, env.TOLLGATE_REDIS_PREFIX || undefined) : undefined;
  const leader: Leader = leaderFor(resolveDatabase(env.DATABASE_URL), redis);
  const options = dispatchOptions(env);
  let running: Promise<void> | null = null;

  const tick = () => {
    running ??= leader
      .runExclusive("alerts", async () => {
        const now = new Date();
        await evaluateAlerts(db, now, options);
        await announceBudgetThresholds(db, now, options);
      })
      .then(() => undefined)
      .catch((error: Error) => console.error(`alerts: evaluation failed, will retry next tick: ${error.message}`))
      .finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running;
      redis?.redis.disconnect();
    },
  };
}

const holder = globalThis as unknown as { tollgateJobs?: Jobs };

/** Starts the jobs once per process. */
export function ensureJobs(): Jobs {
  holder.tollgateJobs ??= startJobs();
  return holder.tollgateJobs;
}
