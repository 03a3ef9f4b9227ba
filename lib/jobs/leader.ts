// Runs a background job on one replica at a time. With Redis: a lease key (SET NX PX) renewed
// while the job runs and released by its owner only. With Postgres and no Redis: a session
// advisory lock on a connection of its own, freed by Postgres if the process dies. Embedded
// (SQLite, one process): a flag.
import { randomUUID } from "node:crypto";
import type Redis from "ioredis";
import { Client } from "pg";
import type { DatabaseTarget } from "../db/url";

export interface Leader {
  /** Runs `job` if no other replica is running the job of that name; false if skipped. */
  runExclusive(name: string, job: () => Promise<void>): Promise<boolean>;
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const LEASE_MS = 60_000;

export function redisLeader(redis: Redis, prefix: string): Leader {
  return {
    async runExclusive(name, job) {
      const key = `${prefix}lock:${name}`;
      const token = randomUUID();
      if ((await redis.set(key, token, "PX", LEASE_MS, "NX")) !== "OK") return false;
      const renew = setInterval(() => void redis.eval(RENEW, 1, key, token, String(LEASE_MS)).catch(() => {}), LEASE_MS / 3);
      try {
        await job();
      } finally {
        clearInterval(renew);
        await redis.eval(RELEASE, 1, key, token).catch(() => {});
      }
      return true;
    },
  };
}

/** A stable 32-bit advisory-lock id per job name. */
const lockId = (name: string) => [...`tollgate:${name}`].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);

export function postgresLeader(url: string): Leader {
  return {
    async runExclusive(name, job) {
      const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      await client.connect();
      try {
        const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [lockId(name)]);
        if (!rows[0]?.locked) return false;
        try {
          await job();
        } finally {
          await client.query("SELECT pg_advisory_unlock($1)", [lockId(name)]).catch(() => {});
        }
        return true;
      } finally {
        await client.end().catch(() => {});
      }
    },
  };
}

export function processLeader(): Leader {
  const running = new Set<string>();
  return {
    async runExclusive(name, job) {
      if (running.has(name)) return false;
      running.add(name);
      try {
        await job();
      } finally {
        running.delete(name);
      }
      return true;
    },
  };
}

export function leaderFor(target: DatabaseTarget, redis?: { redis: Redis; prefix: string }): Leader {
  if (redis) return redisLeader(redis.redis, redis.prefix);
  return target.kind === "postgres" ? postgresLeader(target.url) : processLeader();
}
