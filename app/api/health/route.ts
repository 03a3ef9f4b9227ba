// GET /api/health – liveness plus database reachability; 503 when the database is down.
import { databaseReachable } from "@/lib/db/health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const up = await databaseReachable();
  return Response.json(
    { status: up ? "ok" : "degraded", db: up ? "ok" : "unreachable" },
    { status: up ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
