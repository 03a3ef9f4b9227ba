// POST /api/v1/keys/:id/rotate – a new secret for the same key (its limits, budget and history
// stay); the old secret is refused within seconds. The answer holds the new secret, once.
import { changeableKey } from "@/lib/api/key-access";
import { settingsCaller } from "@/lib/api/settings-access";
import { apiError, json } from "@/lib/api/responses";
import { rotateKey } from "@/lib/settings/keys";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const caller = await settingsCaller(request, "keys");
  if (caller instanceof Response) return caller;
  const key = await changeableKey(caller, (await params).id);
  if (key instanceof Response) return key;
  const rotated = await rotateKey(caller.workspaceId, caller.actor, key.id);
  return rotated ? json({ id: key.id, prefix: rotated.prefix, secret: rotated.secret }) : apiError("conflict", "A revoked key cannot be rotated.");
}
