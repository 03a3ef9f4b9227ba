"use server";
// Workspaces: make one (any signed-in user, who owns it), rename it and set its time zone
// (owners and admins), delete it (owners only, typing its name). Checked here, on the server.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentManager, currentMember, currentUser, forgetWorkspace, rememberWorkspace } from "../auth/session";
import { isTimeZone } from "../calendar";
import { setWorkspaceTimeZone } from "../db/accounts";
import { actorOf, recordAudit } from "../db/audit";
import { createWorkspaceWithOwner, markWorkspaceDeleted, renameWorkspace } from "../db/workspaces";
import { type FieldErrors, fieldErrors, valuesOf } from "../settings/forms";

export type WorkspaceFormState = { errors?: FieldErrors; values?: Record<string, string>; saved?: boolean };

const nameSchema = z.object({ name: z.string().trim().min(1, "Name the workspace").max(100, "At most 100 characters") });

export async function createWorkspaceAction(_prev: WorkspaceFormState, form: FormData): Promise<WorkspaceFormState> {
  const values = valuesOf(form);
  const user = await currentUser();
  if (!user) return { errors: { form: "Sign in to create a workspace." }, values };
  const parsed = nameSchema.safeParse({ name: values.name ?? "" });
  if (!parsed.success) return { errors: fieldErrors(parsed.error, (path) => String(path[0] ?? "form")), values };
  const workspace = await createWorkspaceWithOwner(user.userId, parsed.data.name);
  await recordAudit(workspace.id, actorOf(user), { action: "workspace.created", target: workspace.name });
  await rememberWorkspace(workspace.id);
  redirect("/settings/keys");
}

export async function renameWorkspaceAction(_prev: WorkspaceFormState, form: FormData): Promise<WorkspaceFormState> {
  const values = valuesOf(form);
  const member = await currentManager();
  if (!member) return { errors: { form: "Only workspace owners and admins can rename it." }, values };
  const parsed = nameSchema.safeParse({ name: values.name ?? "" });
  if (!parsed.success) return { errors: fieldErrors(parsed.error, (path) => String(path[0] ?? "form")), values };
  await renameWorkspace(member.workspace.id, parsed.data.name);
  await recordAudit(member.workspace.id, actorOf(member), { action: "workspace.renamed", target: parsed.data.name, detail: { from: member.workspace.name } });
  revalidatePath("/", "layout");
  return { values, saved: true };
}

export async function saveTimeZone(_prev: WorkspaceFormState, form: FormData): Promise<WorkspaceFormState> {
  const values = valuesOf(form);
  const member = await currentManager();
  if (!member) return { errors: { form: "Only workspace owners and admins can change the time zone." }, values };
  const timeZone = values.timeZone ?? "";
  if (timeZone.length > 64 || !isTimeZone(timeZone)) return { errors: { timeZone: "Enter an IANA time zone, such as Europe/Paris or America/New_York" }, values };
  await setWorkspaceTimeZone(member.workspace.id, timeZone);
  await recordAudit(member.workspace.id, actorOf(member), { action: "workspace.time_zone_changed", target: timeZone });
  revalidatePath("/", "layout");
  return { values, saved: true };
}

/** Deletes the current workspace: its owner types its name to confirm. */
export async function deleteWorkspaceAction(_prev: WorkspaceFormState, form: FormData): Promise<WorkspaceFormState> {
  const values = valuesOf(form);
  const member = await currentMember();
  if (!member || member.role !== "owner") return { errors: { form: "Only an owner can delete the workspace." }, values };
  if ((values.confirm ?? "") !== member.workspace.name) return { errors: { confirm: `Type the workspace's name, ${member.workspace.name}, to confirm` }, values };
  await markWorkspaceDeleted(member.workspace.id, new Date());
  // Its audit log goes with it; the server log keeps who deleted it.
  console.info(`workspace ${member.workspace.id} (${member.workspace.slug}) deleted by ${member.email}`);
  await forgetWorkspace();
  revalidatePath("/", "layout"); // the header and sidebar show another workspace now
  redirect("/");
}
