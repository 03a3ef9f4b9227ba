"use server";
// Settings → Providers: add or replace (rotate) a provider key, remove it, test a connection.
// Owners and admins only, checked here; keys are encrypted before they are stored and never
// sent back to the browser.
import { refuse } from "./refuse";
import { revalidatePath } from "next/cache";
import { currentManager } from "../auth/session";
import { actorOf, recordAudit } from "../db/audit";
import { deleteProviderKey, findProviderKey, listProviderKeys, saveProviderKey } from "../db/provider-keys";
import { loadProviderConfigs } from "../providers/config";
import { providerKeySchema } from "../providers/key-schema";
import { type ConnectionResult, testConnection } from "../providers/test-connection";
import { withWorkspaceKeys } from "../providers/workspace-keys";
import { type FieldErrors, fieldErrors, valuesOf } from "../settings/forms";

export type ProviderFormState = { errors?: FieldErrors; values?: Record<string, string>; saved?: string };

export async function saveProviderKeyAction(_prev: ProviderFormState, form: FormData): Promise<ProviderFormState> {
  const { apiKey: _secret, ...values } = valuesOf(form); // the key is never echoed back
  const member = await currentManager();
  if (!member) return { errors: { form: "Only workspace owners and admins can change provider keys." }, values };
  const secret = process.env.TOLLGATE_SECRET;
  if (!secret) return { errors: { form: "TOLLGATE_SECRET is not set on the server, so keys cannot be stored encrypted." }, values };
  const spec = providerKeySchema.safeParse(valuesOf(form));
  if (!spec.success) return { errors: fieldErrors(spec.error, (path) => String(path[0] ?? "form")), values };
  const existed = (await listProviderKeys(member.workspace.id)).some((k) => k.provider === spec.data.provider && k.name === spec.data.name);
  const saved = await saveProviderKey(member.workspace.id, spec.data, secret);
  const label = spec.data.provider === "custom" ? `custom provider ${saved.name}` : saved.provider;
  await recordAudit(member.workspace.id, actorOf(member), { action: existed ? "provider_key.replaced" : "provider_key.added", target: `${label} (…${saved.keyHint})`, detail: { baseUrl: spec.data.baseUrl } });
  revalidatePath("/settings/providers");
  return { saved: `${label} key ${existed ? "replaced" : "saved"} (…${saved.keyHint}).` };
}

export async function deleteProviderKeyAction(form: FormData): Promise<void> {
  const member = await currentManager();
  if (!member) refuse("/settings/providers", "Only workspace owners and admins can change provider keys.");
  const key = await findProviderKey(member.workspace.id, String(form.get("id") ?? ""));
  if (!key || !(await deleteProviderKey(member.workspace.id, key.id))) return;
  await recordAudit(member.workspace.id, actorOf(member), { action: "provider_key.removed", target: `${key.provider === "custom" ? `custom provider ${key.name}` : key.provider} (…${key.keyHint})` });
  revalidatePath("/settings/providers");
}

export type TestResult = ConnectionResult & { provider?: string };

/** Tests the provider as this workspace's calls would reach it: its stored key, else the env key. */
export async function testProviderAction(_prev: TestResult | null, form: FormData): Promise<TestResult | null> {
  const member = await currentManager();
  if (!member) return { ok: false, message: "Only workspace owners and admins can test connections." };
  const id = String(form.get("provider") ?? "");
  const providers = withWorkspaceKeys(loadProviderConfigs(process.env), await listProviderKeys(member.workspace.id), process.env.TOLLGATE_SECRET);
  const provider = providers.get(id);
  if (!provider) return { ok: false, message: `${id} is not configured.`, provider: id };
  return { ...(await testConnection(provider)), provider: id };
}
