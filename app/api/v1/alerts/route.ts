// GET /api/v1/alerts – the workspace's alert rules. POST – creates one (owners and admins).
import { alertRuleSchema } from "@/lib/alerts/rules";
import { forCaller, settingsCaller } from "@/lib/api/settings-access";
import { invalidBody, json, readJsonBody } from "@/lib/api/responses";
import { listAlertRules } from "@/lib/db/alert-rules";
import { addAlert } from "@/lib/settings/changes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const caller = await settingsCaller(request, "read");
  if (caller instanceof Response) return caller;
  return json({ data: (await listAlertRules(caller.workspaceId)).map((rule) => forCaller(caller, rule)) });
}

export async function POST(request: Request) {
  const caller = await settingsCaller(request, "manage");
  if (caller instanceof Response) return caller;
  const body = await readJsonBody(request);
  if (body instanceof Response) return body;
  const spec = alertRuleSchema.safeParse(body);
  if (!spec.success) return invalidBody(spec.error);
  return json(await addAlert(caller, spec.data), { status: 201 });
}
