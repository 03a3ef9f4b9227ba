// GET /api/v1/requests/:id – one request with its bodies (hidden from viewers).
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
  const row = await getRequest(caller.workspaceId, id, { withBodies: canReadBodies(caller.role) });
  return row ? json(row) : apiError("not_found", "No request with this id in your workspace.");
}
