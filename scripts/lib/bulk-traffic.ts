// Demo traffic at scale (a million rows and more), written with the gateway's own batched log
// writer: Prisma's createMany would take minutes for what this does in seconds. On Postgres
// several writers (each its own share of the rows, from its own seed) keep the database busy
// while the next batches are generated; SQLite takes one writer. On both, an empty log is loaded
// without its secondary indexes (bulk-indexes.ts).
import { ensureDailyPartitionsIn } from "../../lib/db/partitions";
import { DAY_MS } from "../../lib/db/timestamps";
import { createRequestLogWriter } from "../../lib/db/request-log-writer";
import type { DatabaseTarget } from "../../lib/db/url";
import { withoutSecondaryIndexes } from "./bulk-indexes";
import { type DemoOptions, demoRows } from "./demo-traffic";

const BATCH = 2000;

async function writeShare(target: DatabaseTarget, workspaceId: string, options: DemoOptions, onBatch: (rows: number) => void): Promise<number> {
  const writer = createRequestLogWriter(target);
  let written = 0;
  let batch = [];
  try {
    for (const row of demoRows(workspaceId, options)) {
      batch.push(row);
      if (batch.length === BATCH) {
        await writer.writeBatch(batch);
        written += batch.length;
        onBatch(batch.length);
        batch = [];
      }
    }
    if (batch.length) await writer.writeBatch(batch);
    onBatch(batch.length);
    return written + batch.length;
  } finally {
    await writer.close();
  }
}

export async function writeBulkTraffic(target: DatabaseTarget, workspaceId: string, options: DemoOptions, onProgress?: (written: number) => void, writers = target.kind === "postgres" ? 3 : 1): Promise<number> {
  const count = options.count ?? 1500;
  const seed = options.seed ?? 42;
  let written = 0;
  let reported = 0;
  const onBatch = (rows: number) => {
    written += rows;
    // Progress in whole steps of 100,000 rows, whichever writer crossed it.
    for (; reported + 100_000 <= written; reported += 100_000) onProgress?.(reported + 100_000);
  };
  const shares = Array.from({ length: Math.min(writers, count) }, (_, i) => Math.floor(count / writers) + (i < count % writers ? 1 : 0));
  const load = async () => {
    const counts = await Promise.all(shares.map((share, i) => writeShare(target, workspaceId, { ...options, count: share, seed: seed + i * 7919 }, onBatch)));
    return counts.reduce((n, c) => n + c, 0);
  };
  if (target.kind === "postgres") {
    // The days written get their own partitions, as live traffic does, rather than the default one.
    const now = options.now ?? new Date();
    await ensureDailyPartitionsIn(target, new Date(now.getTime() - (options.days ?? 14) * DAY_MS), now);
  }
  return withoutSecondaryIndexes(target, load);
}

/** The benchmark's shape: many users, a high-cardinality property, every model. */
export const SCALE_TRAFFIC: DemoOptions = { extraUsers: 5000, customers: 500 };
