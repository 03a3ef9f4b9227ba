// GET /api/v1/requests/export?format=csv|jsonl&<the list's filters> – every matching request,
// streamed as a download.
import { apiError, invalidQuery, unauthorized } from "@/lib/api/responses";
import { EXPORT_FORMATS, type ExportFormat, exportRequests } from "@/lib/analytics/export";
import { isValidCursor, parseRequestQuery } from "@/lib/analytics/request-query";
import { authenticateApi } from "@/lib/auth/api-auth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const CONTENT_TYPES: Record<ExportFormat, string> = { csv: "text/csv; charset=utf-8", jsonl: "application/x-ndjson; charset=utf-8" };

export async function GET(request: Request) {
  const caller = await authenticateApi(request);
  if (!caller) return unauthorized();
  const params = new URL(request.url).searchParams;
  const format = params.get("format") ?? "csv";
  params.delete("format");
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) return apiError("invalid_query", `format: must be one of ${EXPORT_FORMATS.join(", ")}`);
  const query = parseRequestQuery(params);
  if (!query.success) return invalidQuery(query.error);
  if (!isValidCursor(query.data)) return apiError("invalid_query", "cursor: not a cursor from this API for this sort order");
  const name = `tollgate-requests-${new Date().toISOString().slice(0, 19).replaceAll(":", "")}.${format}`;
  return new Response(exportRequests(caller.workspaceId, query.data, format as ExportFormat), {
    headers: { "content-type": CONTENT_TYPES[format as ExportFormat], "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
}
