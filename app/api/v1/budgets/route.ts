// GET /api/v1/budgets – the workspace's budgets with this period's spend. POST – creates one.
import { budgetSchema } from "@/lib/budgets/budgets";
import { budgetView } from "@/lib/budgets/view";
import { forCaller, settingsCaller } from "@/lib/api/settings-access";
import { invalidBody, json, readJsonBody } from "@/lib/api/responses";
import { listBudgets } from "@/lib/db/budgets";
import { addBudget } from "@/lib/settings/changes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const caller = await settingsCaller(request, "read");
  if (caller instanceof Response) return caller;
  const budgets = await listBudgets(caller.workspaceId);
  return json({ data: await Promise.all(budgets.map(async (b) => forCaller(caller, await budgetView(caller.workspaceId, b)))) });
}

export async function POST(request: Request) {
  const caller = await settingsCaller(request, "manage");
  if (caller instanceof Response) return caller;
  const body = await readJsonBody(request);
  if (body instanceof Response) return body;
  const spec = budgetSchema.safeParse(body);
  if (!spec.success) return invalidBody(spec.error);
  return json(await budgetView(caller.workspaceId, await addBudget(caller, spec.data)), { status: 201 });
}
