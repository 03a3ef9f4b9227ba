// Tests share the local Redis; each file gets a key prefix of its own and deletes it afterwards.
import { randomBytes } from "node:crypto";
import Redis from "ioredis";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

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
