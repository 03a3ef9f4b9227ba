// The background jobs of a server process, each on one replica at a time (leader.ts):
// - every minute (TOLLGATE_ALERTS_INTERVAL_MS): evaluate alert rules, announce budget thresholds;
// - every hour (TOLLGATE_PURGE_INTERVAL_MS): the retention purge.
// Started once per process from instrumentation.ts (next start) or server.ts (npm start).
import { dispatchOptions } from "../alerts/dispatch";
import { evaluateAlerts } from "../alerts/evaluate";
import { announceBudgetThresholds } from "../budgets/notices";
import { type Db, db as defaultDb } from "../db/client";
import { resolveDatabase } from "../db/url";
import { purgeAll } from "../retention/purge";
import { connectRedis } from "../state/redis";
import { type Leader, leaderFor } from "./leader";

export interface Jobs {
  /** Stops the timers and waits for a run in progress. */
  stop(): Promise<void>;
}

/** A job run on a timer, never overlapping itself, on whichever replica holds its lock. */
function repeating(leader: Leader, name: string, intervalMs: number, job: () => Promise<void>) {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= leader
      .runExclusive(name, job)
      .then(() => undefined)
      .catch((error: Error) => console.error(`${name}: failed, will retry on the next run: ${error.message}`))
      .finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  const stop = async () => {
    clearInterval(timer);
    await running;
  };
  return { stop };
}

export function startJobs(env: Record<string, string | undefined> = process.env, db: Db = defaultDb()): Jobs {
  const redis = env.REDIS_URL ? connectRedis(env.REDIS_URL, env.TOLLGATE_REDIS_PREFIX || undefined) : undefined;
  const leader = leaderFor(resolveDatabase(env.DATABASE_URL), redis);
  const options = dispatchOptions(env);
  const alerts = repeating(leader, "alerts", Number(env.TOLLGATE_ALERTS_INTERVAL_MS) || 60_000, async () => {
    const now = new Date();
    await evaluateAlerts(db, now, options);
    await announceBudgetThresholds(db, now, options);
  });
  const purge = repeating(leader, "purge", Number(env.TOLLGATE_PURGE_INTERVAL_MS) || 3_600_000, async () => {
    const { bodiesCleared, rowsDeleted, workspacesRemoved } = await purgeAll(db, new Date(), { batch: 1000, pauseMs: 50 });
    if (bodiesCleared || rowsDeleted || workspacesRemoved) console.log(`retention: blanked ${bodiesCleared} bodies, deleted ${rowsDeleted} rows, removed ${workspacesRemoved} deleted workspaces`);
  });
  return {
    async stop() {
      await Promise.all([alerts.stop(), purge.stop()]);
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
