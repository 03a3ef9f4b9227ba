// GET /api/v1/requests – the request log, newest first, filtered and cursor-paginated.
import { apiError, invalidQuery, json, unauthorized } from "@/lib/api/responses";
import { isValidCursor, parseRequestQuery } from "@/lib/analytics/request-query";
import { listRequests } from "@/lib/analytics/requests";
import { authenticateApi } from "@/lib/auth/api-auth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const caller = await authenticateApi(request);
  if (!caller) return unauthorized();
  const query = parseRequestQuery(new URL(request.url).searchParams);
  if (!query.success) return invalidQuery(query.error);
  if (!isValidCursor(query.data)) return apiError("invalid_query", "cursor: not a cursor from this API for this sort order");
  return json(await listRequests(caller.workspaceId, query.data));
}
