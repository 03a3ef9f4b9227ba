// GET /api/v1/alerts/:id – one rule. PATCH – changes the fields sent. DELETE – removes it.
import { alertRuleSchema } from "@/lib/alerts/rules";
import { forCaller, settingsCaller } from "@/lib/api/settings-access";
import { apiError, invalidBody, json, readJsonBody } from "@/lib/api/responses";
import { findAlertRule } from "@/lib/db/alert-rules";
import { changeAlert, removeAlert } from "@/lib/settings/changes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };
const notFound = () => apiError("not_found", "No alert with this id in your workspace.");

export async function GET(request: Request, { params }: Params) {
  const caller = await settingsCaller(request, "read");
  if (caller instanceof Response) return caller;
  const rule = await findAlertRule(caller.workspaceId, (await params).id);
  return rule ? json(forCaller(caller, rule)) : notFound();
}

export async function PATCH(request: Request, { params }: Params) {
  const caller = await settingsCaller(request, "manage");
  if (caller instanceof Response) return caller;
  const { id } = await params;
  const existing = await findAlertRule(caller.workspaceId, id);
  if (!existing) return notFound();
  const body = await readJsonBody(request);
  if (body instanceof Response) return body;
  if (!body || typeof body !== "object" || Array.isArray(body)) return apiError("invalid_body", "Send a JSON object with the fields to change.");
  const { id: _id, createdAt: _c, updatedAt: _u, ...current } = existing;
  const spec = alertRuleSchema.safeParse({ ...current, ...body });
  if (!spec.success) return invalidBody(spec.error);
  const updated = await changeAlert(caller, id, spec.data);
  return updated ? json(updated) : notFound();
}

export async function DELETE(request: Request, { params }: Params) {
  const caller = await settingsCaller(request, "manage");
  if (caller instanceof Response) return caller;
  return (await removeAlert(caller, (await params).id)) ? new Response(null, { status: 204 }) : notFound();
}
