// Tests share the local Redis; each file gets a key prefix of its own and deletes it afterwards.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import { freePort } from "./ports";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * For tests that assert limits exact across replicas: Redis commands may take a second before
 * they count as failed, so a busy test machine never trips the breaker (50 ms in production).
 */
export const EXACT_REDIS = { TOLLGATE_REDIS_TIMEOUT_MS: "1000" };

export const uniquePrefix = () => `tollgate-test:${process.pid}-${randomBytes(4).toString("hex")}:`;

export async function deletePrefix(prefix: string) {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

/** A Redis server of the test's own, to kill and restart (the shared one stays up). */
export interface OwnRedis {
  url: string;
  kill: () => Promise<void>;
  start: () => Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    const client = new Redis({ port, host: "127.0.0.1", lazyConnect: true, retryStrategy: () => 50 });
    client.on("error", () => {});
    for (let i = 0; i < 100; i++) {
      try {
        await client.connect();
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    client.disconnect();
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    kill: async () => {
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child!.kill("SIGKILL");
      await exited;
    },
  };
}
