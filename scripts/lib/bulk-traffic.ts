// Demo traffic at scale (a million rows and more), written with the gateway's own batched log
// writer: Prisma's createMany would take minutes for what this does in seconds.
import { createRequestLogWriter } from "../../lib/db/request-log-writer";
import type { DatabaseTarget } from "../../lib/db/url";
import { type DemoOptions, demoRows } from "./demo-traffic";

const BATCH = 2000;

export async function writeBulkTraffic(target: DatabaseTarget, workspaceId: string, options: DemoOptions, onProgress?: (written: number) => void): Promise<number> {
  const writer = createRequestLogWriter(target);
  let written = 0;
  let batch = [];
  try {
    for (const row of demoRows(workspaceId, options)) {
      batch.push(row);
      if (batch.length === BATCH) {
        await writer.writeBatch(batch);
        written += batch.length;
        batch = [];
        onProgress?.(written);
      }
    }
    if (batch.length) await writer.writeBatch(batch);
    return written + batch.length;
  } finally {
    await writer.close();
  }
}

/** The benchmark's shape: many users, a high-cardinality property, every model. */
export const SCALE_TRAFFIC: DemoOptions = { extraUsers: 5000, customers: 500 };
