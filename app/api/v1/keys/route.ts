// GET /api/v1/keys – the workspace's Tollgate keys, newest first, without secrets. POST – creates
// one (members and up): name, expiresAt, allowedModels, and an optional rateLimitPerMinute and
// budgetUsd/budgetPeriod of its own. The answer holds the secret, the only time it is shown.
import { settingsCaller } from "@/lib/api/settings-access";
import { invalidBody, json, readJsonBody } from "@/lib/api/responses";
import { listApiKeysWithCreators } from "@/lib/db/api-keys";
import { newKeySchema } from "@/lib/keys/schema";
import { keyView } from "@/lib/keys/view";
import { createKey } from "@/lib/settings/keys";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const caller = await settingsCaller(request, "read");
  if (caller instanceof Response) return caller;
  return json({ data: (await listApiKeysWithCreators(caller.workspaceId)).map(keyView) });
}

export async function POST(request: Request) {
  const caller = await settingsCaller(request, "keys");
  if (caller instanceof Response) return caller;
  const body = await readJsonBody(request);
  if (body instanceof Response) return body;
  const spec = newKeySchema.safeParse(body);
  if (!spec.success) return invalidBody(spec.error);
  const key = await createKey(caller.workspaceId, caller.actor, spec.data);
  return json({ ...keyView(key), secret: key.secret }, { status: 201 });
}
