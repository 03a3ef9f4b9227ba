// GET /api/v1/budgets/:id – one budget with this period's spend. PATCH – changes the fields
// sent. DELETE – removes it (the gateway stops enforcing it within seconds).
import { budgetSchema, budgetSpecOf } from "@/lib/budgets/budgets";
import { budgetView } from "@/lib/budgets/view";
import { forCaller, settingsCaller } from "@/lib/api/settings-access";
import { apiError, invalidBody, json, readJsonBody } from "@/lib/api/responses";
import { findBudget } from "@/lib/db/budgets";
import { changeBudget, removeBudget } from "@/lib/settings/changes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };
const notFound = () => apiError("not_found", "No budget with this id in your workspace.");

export async function GET(request: Request, { params }: Params) {
  const caller = await settingsCaller(request, "read");
  if (caller instanceof Response) return caller;
  const budget = await findBudget(caller.workspaceId, (await params).id);
  return budget ? json(forCaller(caller, await budgetView(caller.workspaceId, budget))) : notFound();
}

export async function PATCH(request: Request, { params }: Params) {
  const caller = await settingsCaller(request, "manage");
  if (caller instanceof Response) return caller;
  const { id } = await params;
  const existing = await findBudget(caller.workspaceId, id);
  if (!existing) return notFound();
  const body = await readJsonBody(request);
  if (body instanceof Response) return body;
  if (!body || typeof body !== "object" || Array.isArray(body)) return apiError("invalid_body", "Send a JSON object with the fields to change.");
  const spec = budgetSchema.safeParse({ ...budgetSpecOf(existing), ...body });
  if (!spec.success) return invalidBody(spec.error);
  const updated = await changeBudget(caller, id, spec.data);
  return updated ? json(await budgetView(caller.workspaceId, updated)) : notFound();
}

export async function DELETE(request: Request, { params }: Params) {
  const caller = await settingsCaller(request, "manage");
  if (caller instanceof Response) return caller;
  return (await removeBudget(caller, (await params).id)) ? new Response(null, { status: 204 }) : notFound();
}
