// GET /api/health – liveness, database reachability and the request log's queue; 503 when the
// database is down. `log.dropped` counts rows lost because the queue filled while it was down.
import { databaseReachable } from "@/lib/db/health";
import { runningGateway } from "@/lib/gateway/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const up = await databaseReachable();
  const log = runningGateway()?.deps.log.snapshot();
  return Response.json(
    {
      status: up ? "ok" : "degraded",
      db: up ? "ok" : "unreachable",
      ...(log ? { log: { pending: log.pending, written: log.written, dropped: log.dropped, rejected: log.rejected } } : {}),
    },
    { status: up ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
