// Log ingest: rows/s through the gateway's queue and batched writer into a real database.
import { createRequestLogWriter } from "../../lib/db/request-log-writer";
import { findOrCreateWorkspace } from "../../lib/db/accounts";
import { LogQueue } from "../../lib/gateway/log-queue";
import { logRow } from "../../tests/support/request-rows";
import { type DatabaseKind, createTestDatabase } from "../../tests/support/test-db";

export async function measureIngest(kind: DatabaseKind, rows = 20_000): Promise<number> {
  const t = await createTestDatabase(kind);
  try {
    const ws = (await findOrCreateWorkspace("bench", "Bench", t.db)).id;
    const writer = createRequestLogWriter(t.target);
    const queue = new LogQueue(writer, { batchSize: 500, intervalMs: 100, memoryBytes: 1024 * 1024 * 1024 });
    const data = Array.from({ length: rows }, () => logRow(ws));
    const started = performance.now();
    data.forEach((r) => queue.enqueue(r));
    await queue.idle(120_000);
    const seconds = (performance.now() - started) / 1000;
    const written = await t.db.request.count({ where: { workspaceId: ws } });
    await queue.close();
    await writer.close();
    if (written !== rows) throw new Error(`ingest wrote ${written} of ${rows} rows`);
    return rows / seconds;
  } finally {
    await t.drop();
  }
}
