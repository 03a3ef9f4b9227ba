"use server";
// Settings → Pricing: set or remove a workspace's price for a model. Owners and admins only.
import { refuse } from "./refuse";
import { revalidatePath } from "next/cache";
import { currentManager } from "../auth/session";
import { actorOf, recordAudit } from "../db/audit";
import { deletePriceOverride, findPriceOverride, savePriceOverride } from "../db/price-overrides";
import { priceInputOf, priceOverrideSchema } from "../pricing/override-schema";
import { type FieldErrors, fieldErrors, valuesOf } from "../settings/forms";

export type PriceFormState = { errors?: FieldErrors; values?: Record<string, string>; saved?: string };

const NOT_ALLOWED = "Only workspace owners and admins can set prices.";

export async function savePriceAction(_prev: PriceFormState, form: FormData): Promise<PriceFormState> {
  const values = valuesOf(form);
  const member = await currentManager();
  if (!member) return { errors: { form: NOT_ALLOWED }, values };
  const price = priceOverrideSchema.safeParse(priceInputOf(values));
  if (!price.success) return { errors: fieldErrors(price.error, (path) => String(path[0] ?? "form")), values };
  await savePriceOverride(member.workspace.id, price.data);
  const { provider, model, input, output, cachedInput, cacheWrite } = values;
  await recordAudit(member.workspace.id, actorOf(member), { action: "price.set", target: `${provider}/${model}`, detail: { usdPerMillionTokens: { input, output, cachedInput, cacheWrite } } });
  revalidatePath("/settings/pricing");
  return { saved: `Price for ${provider}/${model} saved. New calls are costed with it within 30 seconds.` };
}

export async function deletePriceAction(form: FormData): Promise<void> {
  const member = await currentManager();
  if (!member) refuse("/settings/pricing", NOT_ALLOWED);
  const price = await findPriceOverride(member.workspace.id, String(form.get("id") ?? ""));
  if (!price || !(await deletePriceOverride(member.workspace.id, price.id))) return;
  await recordAudit(member.workspace.id, actorOf(member), { action: "price.removed", target: `${price.provider}/${price.model}` });
  revalidatePath("/settings/pricing");
}
