// GET /api/v1/requests/stats – totals of the requests the same filters as /api/v1/requests select
// (cursor, sort and limit ignored): what the stats strip above the Requests page shows.
import { invalidQuery, json, unauthorized } from "@/lib/api/responses";
import { parseRequestQuery } from "@/lib/analytics/request-query";
import { requestStats, statsToApi } from "@/lib/analytics/request-stats";
import { authenticateApi } from "@/lib/auth/api-auth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const caller = await authenticateApi(request);
  if (!caller) return unauthorized();
  const query = parseRequestQuery(new URL(request.url).searchParams);
  if (!query.success) return invalidQuery(query.error);
  return json(statsToApi(await requestStats(caller.workspaceId, query.data)));
}
