// GET /api/v1/requests/:id – one request with its bodies. Viewers may not read bodies: they get
// 403 unless they ask for the request without them (?bodies=0).
import { apiError, json, unauthorized } from "@/lib/api/responses";
import { getRequest } from "@/lib/analytics/requests";
import { authenticateApi } from "@/lib/auth/api-auth";
import { canReadBodies } from "@/lib/auth/roles";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const caller = await authenticateApi(request);
  if (!caller) return unauthorized();
  const { id } = await params;
  const withBodies = new URL(request.url).searchParams.get("bodies") !== "0";
  if (withBodies && !canReadBodies(caller.role)) return apiError("forbidden", "Viewers cannot read request and response bodies. Ask for the request without them: ?bodies=0.");
  const row = await getRequest(caller.workspaceId, id, { withBodies });
  return row ? json(row) : apiError("not_found", "No request with this id in your workspace.");
}
