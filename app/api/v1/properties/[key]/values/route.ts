// GET /api/v1/properties/:key/values – the key's 50 most used values in the last 30 days.
import { apiError, json, unauthorized } from "@/lib/api/responses";
import { propertyValueOptions } from "@/lib/analytics/properties";
import { lastDays } from "@/lib/analytics/time-range";
import { authenticateApi } from "@/lib/auth/api-auth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ key: string }> }) {
  const caller = await authenticateApi(request);
  if (!caller) return unauthorized();
  const { key } = await params;
  if (key.length === 0 || key.length > 64) return apiError("invalid_query", "key: 1 to 64 characters");
  return json({ data: await propertyValueOptions(caller.workspaceId, key, lastDays(30)) });
}
