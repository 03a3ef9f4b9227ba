// A process that queues rows and is killed with SIGKILL the moment its first batch is in the
// database: the rest of that batch's journal file and the next file hold rows written and not.
// Run by tests/integration/gateway/log-queue.test.ts with the database, the workspace, the spill
// folder and the number of rows; prints the ids it queued, one per line, before it dies.
import { createRequestLogWriter } from "@/lib/db/request-log-writer";
import { resolveDatabase } from "@/lib/db/url";
import { LogQueue } from "@/lib/gateway/log-queue";
import { logRow } from "./request-rows";

const [url, workspaceId, dir, count] = process.argv.slice(2);
const writer = createRequestLogWriter(resolveDatabase(url));
const killedAfterFirstBatch = {
  ...writer,
  writeBatch: async (rows: Parameters<typeof writer.writeBatch>[0]) => {
    await writer.writeBatch(rows);
    process.kill(process.pid, "SIGKILL"); // before the queue learns the batch is in
  },
};
const queue = new LogQueue(killedAfterFirstBatch, { batchSize: 500, intervalMs: 1_000, memoryBytes: 64 * 1024 * 1024, spill: { dir: dir!, maxBytes: 1024 ** 3 } });
const rows = Array.from({ length: Number(count) }, () => logRow(workspaceId!));
process.stdout.write(rows.map((r) => `${r.id}\n`).join(""), () => {
  for (const row of rows) queue.enqueue(row); // the 500th starts the first batch
});
