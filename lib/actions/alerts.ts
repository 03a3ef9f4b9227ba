"use server";
// Settings → Alerts and Budgets: the forms' server actions. Each checks the member's role on the
// server, validates with the same schema as the API, and answers field errors for the form.
import { refuse } from "./refuse";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { dispatchOptions } from "../alerts/dispatch";
import type { DeliveryOutcome } from "../alerts/dispatch";
import { alertRuleSchema } from "../alerts/rules";
import { sendTestNotification } from "../alerts/test-notification";
import { currentManager } from "../auth/session";
import { budgetSchema } from "../budgets/budgets";
import { findWorkspaceForNotices, rotateWebhookSecret } from "../db/accounts";
import { actorOf, recordAudit } from "../db/audit";
import { findAlertRule } from "../db/alert-rules";
import { type Changer, addAlert, addBudget, changeAlert, changeBudget, removeAlert, removeBudget, toggleAlert, toggleBudget } from "../settings/changes";
import { alertFieldOf, alertInputOf } from "../settings/alert-form";
import { budgetFieldOf, budgetInputOf } from "../settings/budget-form";
import { type FieldErrors, type FormValues, fieldErrors, valuesOf } from "../settings/forms";

export type FormState = { errors?: FieldErrors; values?: FormValues };

const NOT_ALLOWED = "Only workspace owners and admins can change alerts and budgets.";

/** The signed-in member as the one changing settings, if their role allows it. */
async function manager(): Promise<Changer | null> {
  const member = await currentManager();
  return member ? { workspaceId: member.workspace.id, actor: actorOf(member) } : null;
}

export async function saveAlert(_prev: FormState, form: FormData): Promise<FormState> {
  const values = valuesOf(form);
  const changer = await manager();
  if (!changer) return { errors: { form: NOT_ALLOWED }, values };
  const spec = alertRuleSchema.safeParse(alertInputOf(values));
  if (!spec.success) return { errors: fieldErrors(spec.error, alertFieldOf), values };
  const saved = values.id ? await changeAlert(changer, values.id, spec.data) : await addAlert(changer, spec.data);
  if (!saved) return { errors: { form: "This alert no longer exists." }, values };
  revalidatePath("/settings/alerts");
  redirect(`/settings/alerts?saved=${saved.id}`);
}

export async function saveBudget(_prev: FormState, form: FormData): Promise<FormState> {
  const values = valuesOf(form);
  const changer = await manager();
  if (!changer) return { errors: { form: NOT_ALLOWED }, values };
  const spec = budgetSchema.safeParse(budgetInputOf(values));
  if (!spec.success) return { errors: fieldErrors(spec.error, budgetFieldOf), values };
  const saved = values.id ? await changeBudget(changer, values.id, spec.data) : await addBudget(changer, spec.data);
  if (!saved) return { errors: { form: "This budget no longer exists." }, values };
  revalidatePath("/settings/budgets");
  redirect(`/settings/budgets?saved=${saved.id}`);
}

/** Enable, disable or delete an alert or budget from its row's buttons. */
export async function changeSetting(form: FormData): Promise<void> {
  const kind = form.get("kind") === "budget" ? "budget" : "alert";
  const changer = await manager();
  if (!changer) refuse(kind === "budget" ? "/settings/budgets" : "/settings/alerts", NOT_ALLOWED);
  const id = String(form.get("id") ?? "");
  const change = String(form.get("change") ?? "");
  if (change === "delete") await (kind === "budget" ? removeBudget : removeAlert)(changer, id);
  else await (kind === "budget" ? toggleBudget : toggleAlert)(changer, id, change === "enable");
  revalidatePath(kind === "budget" ? "/settings/budgets" : "/settings/alerts");
}

export type TestState = { outcomes?: DeliveryOutcome[]; error?: string };

export async function testAlert(_prev: TestState, form: FormData): Promise<TestState> {
  const changer = await manager();
  if (!changer) return { error: NOT_ALLOWED };
  const { workspaceId } = changer;
  const [rule, workspace] = await Promise.all([findAlertRule(workspaceId, String(form.get("id") ?? "")), findWorkspaceForNotices(workspaceId)]);
  if (!rule || !workspace) return { error: "This alert no longer exists." };
  const { outcomes } = await sendTestNotification(workspace, rule, dispatchOptions());
  revalidatePath("/settings/alerts/history");
  return { outcomes: outcomes.length ? outcomes : undefined, error: outcomes.length ? undefined : "This alert has no channels to notify." };
}

export async function rotateSecret(): Promise<void> {
  const changer = await manager();
  if (!changer) refuse("/settings/alerts", NOT_ALLOWED);
  await rotateWebhookSecret(changer.workspaceId);
  await recordAudit(changer.workspaceId, changer.actor, { action: "webhook_secret.rotated", target: "webhook signing secret" });
  revalidatePath("/settings/alerts");
}
