// GET /api/v1/keys/:id – one key, without its secret. DELETE – revokes it: every replica refuses
// it within seconds.
import { changeableKey, keyNotFound } from "@/lib/api/key-access";
import { settingsCaller } from "@/lib/api/settings-access";
import { json } from "@/lib/api/responses";
import { findApiKeyWithCreator } from "@/lib/db/api-keys";
import { keyView } from "@/lib/keys/view";
import { revokeKey } from "@/lib/settings/keys";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params) {
  const caller = await settingsCaller(request, "read");
  if (caller instanceof Response) return caller;
  const key = await findApiKeyWithCreator(caller.workspaceId, (await params).id);
  return key ? json(keyView(key)) : keyNotFound();
}

export async function DELETE(request: Request, { params }: Params) {
  const caller = await settingsCaller(request, "keys");
  if (caller instanceof Response) return caller;
  const key = await changeableKey(caller, (await params).id);
  if (key instanceof Response) return key;
  await revokeKey(caller.workspaceId, caller.actor, key.id);
  return new Response(null, { status: 204 });
}
