// One replica at a time runs a background job: the Redis lease, the Postgres advisory lock and
// the in-process flag each let exactly one of several simultaneous runs through.
import Redis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { type Leader, postgresLeader, processLeader, redisLeader } from "@/lib/jobs/leader";
import { TEST_REDIS_URL, deletePrefix, uniquePrefix } from "../../support/redis";
import { POSTGRES_ADMIN_URL } from "../../support/test-db";

const prefix = uniquePrefix();
const redisClients: Redis[] = [];
const redis = () => {
  const client = new Redis(TEST_REDIS_URL);
  redisClients.push(client);
  return client;
};

afterAll(async () => {
  for (const client of redisClients) client.disconnect();
  await deletePrefix(prefix);
});

/** Starts `replicas` runs of the same job at once; each takes 200 ms. */
async function race(leaders: Leader[]) {
  let ran = 0;
  const results = await Promise.all(leaders.map((leader) => leader.runExclusive("alerts", async () => {
    ran += 1;
    await new Promise((r) => setTimeout(r, 200));
  })));
  return { ran, results };
}

describe.each([
  ["Redis lease", () => redisLeader(redis(), prefix)],
  ["Postgres advisory lock", () => postgresLeader(POSTGRES_ADMIN_URL)],
])("%s", (_name, make) => {
  it("lets one of three replicas run a tick, and another run the next one", async () => {
    const leaders = [make(), make(), make()];
    const first = await race(leaders);
    expect(first.ran).toBe(1);
    expect(first.results.filter(Boolean)).toHaveLength(1);
    expect((await race(leaders)).ran).toBe(1); // released: the next tick runs again
  });

  it("releases the lock when the job throws", async () => {
    const leader = make();
    await expect(leader.runExclusive("alerts", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await leader.runExclusive("alerts", async () => {})).toBe(true);
  });
});

it("in one process, skips a tick while the previous one still runs", async () => {
  const leader = processLeader();
  expect((await race([leader, leader])).ran).toBe(1);
});
