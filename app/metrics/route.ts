// GET /metrics – Prometheus metrics: gateway requests by endpoint, provider and status, the
// request log (pending, on disk, oldest age, written, dead-lettered, dropped, stalled), Redis, and Node's process metrics.
// With TOLLGATE_METRICS_TOKEN set, scrapers must send it as a Bearer token.
import { timingSafeEqual } from "node:crypto";
import { clusterLink } from "@/lib/cluster/link";
import { metrics } from "@/lib/metrics";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function authorised(request: Request): boolean {
  const token = process.env.TOLLGATE_METRICS_TOKEN;
  if (!token) return true;
  const sent = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${token}`);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

export async function GET(request: Request) {
  if (!authorised(request)) return new Response("unauthorized\n", { status: 401 });
  const { registry } = metrics();
  // In worker mode, every worker's metrics summed by the primary.
  const link = clusterLink();
  return new Response(link ? await link.metrics() : await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
