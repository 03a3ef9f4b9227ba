"use server";
// Settings → Retention: how long bodies and rows are kept. Owners and admins only.
import { revalidatePath } from "next/cache";
import { currentManager } from "../auth/session";
import { actorOf, recordAudit } from "../db/audit";
import { retentionOf, setRetention } from "../db/retention";
import { retentionSchema } from "../retention/schema";
import { type FieldErrors, fieldErrors, valuesOf } from "../settings/forms";

export type RetentionState = { errors?: FieldErrors; values?: Record<string, string>; saved?: boolean };

export async function saveRetention(_prev: RetentionState, form: FormData): Promise<RetentionState> {
  const values = valuesOf(form);
  const member = await currentManager();
  if (!member) return { errors: { form: "Only workspace owners and admins can change retention." }, values };
  const parsed = retentionSchema.safeParse({ bodyRetentionDays: values.bodyRetentionDays ?? "", rowRetentionDays: values.rowRetentionDays ?? "" });
  if (!parsed.success) return { errors: fieldErrors(parsed.error, (path) => String(path[0] ?? "form")), values };
  const previous = await retentionOf(member.workspace.id);
  await setRetention(member.workspace.id, parsed.data);
  await recordAudit(
    member.workspace.id,
    actorOf(member),
    { action: "retention.changed", target: "retention", detail: { from: { bodyRetentionDays: previous?.bodyRetentionDays ?? null, rowRetentionDays: previous?.rowRetentionDays ?? null }, to: parsed.data } },
  );
  revalidatePath("/settings/retention");
  return { values, saved: true };
}
