"use server";
// Settings → API keys: create (the secret is returned once, to be shown once), rotate, revoke.
// Members manage their own keys, owners and admins everyone's; checked here, on the server.
import { refuse } from "./refuse";
import { revalidatePath } from "next/cache";
import { canCreateKeys, canManageKey } from "../auth/roles";
import { currentMember } from "../auth/session";
import { findApiKey } from "../db/api-keys";
import { actorOf } from "../db/audit";
import { newKeyInputOf, newKeySchema } from "../keys/schema";
import { createKey, revokeKey, rotateKey } from "../settings/keys";
import { type FieldErrors, fieldErrors, valuesOf } from "../settings/forms";

export type KeyFormState = { errors?: FieldErrors; values?: Record<string, string>; created?: { name: string; secret: string } };
export type KeyActionState = { error?: string; secret?: string };

export async function createKeyAction(_prev: KeyFormState, form: FormData): Promise<KeyFormState> {
  const values = valuesOf(form);
  const member = await currentMember();
  if (!member || !canCreateKeys(member.role)) return { errors: { form: "Viewers cannot create API keys." }, values };
  const spec = newKeySchema.safeParse(newKeyInputOf(values));
  if (!spec.success) return { errors: fieldErrors(spec.error, (path) => String(path[0] ?? "form")), values };
  const key = await createKey(member.workspace.id, actorOf(member), spec.data);
  revalidatePath("/settings/keys");
  return { created: { name: key.name, secret: key.secret } };
}

/** The key if the signed-in member may change it. */
async function changeableKey(form: FormData) {
  const member = await currentMember();
  const key = member ? await findApiKey(member.workspace.id, String(form.get("id") ?? "")) : null;
  return member && key && canManageKey(member, key) ? { member, key } : null;
}

export async function revokeKeyAction(form: FormData): Promise<void> {
  const allowed = await changeableKey(form);
  if (!allowed) refuse("/settings/keys", "You cannot revoke this key.");
  await revokeKey(allowed.member.workspace.id, actorOf(allowed.member), allowed.key.id);
  revalidatePath("/settings/keys");
}

export async function rotateKeyAction(_prev: KeyActionState, form: FormData): Promise<KeyActionState> {
  const allowed = await changeableKey(form);
  if (!allowed) return { error: "You cannot rotate this key." };
  const rotated = await rotateKey(allowed.member.workspace.id, actorOf(allowed.member), allowed.key.id);
  revalidatePath("/settings/keys");
  return rotated ? { secret: rotated.secret } : { error: "A revoked key cannot be rotated." };
}
