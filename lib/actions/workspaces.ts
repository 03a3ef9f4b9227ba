"use server";
// A new workspace, from the header's "New workspace": any signed-in user may make one, and owns
// it. It becomes their current workspace, and they land on its API keys to make the first one.
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentMember, rememberWorkspace } from "../auth/session";
import { createWorkspaceWithOwner } from "../db/accounts";
import { recordAudit } from "../db/audit";
import { type FieldErrors, fieldErrors, valuesOf } from "../settings/forms";

export type WorkspaceFormState = { errors?: FieldErrors; values?: Record<string, string> };

const workspaceSchema = z.object({ name: z.string().trim().min(1, "Name the workspace").max(100, "At most 100 characters") });

export async function createWorkspaceAction(_prev: WorkspaceFormState, form: FormData): Promise<WorkspaceFormState> {
  const values = valuesOf(form);
  const member = await currentMember();
  if (!member) return { errors: { form: "Sign in to create a workspace." }, values };
  const parsed = workspaceSchema.safeParse({ name: values.name ?? "" });
  if (!parsed.success) return { errors: fieldErrors(parsed.error, (path) => String(path[0] ?? "form")), values };
  const workspace = await createWorkspaceWithOwner(member.userId, parsed.data.name);
  await recordAudit(workspace.id, { userId: member.userId, label: member.email }, { action: "workspace.created", target: workspace.name });
  await rememberWorkspace(workspace.id);
  redirect("/settings/keys");
}
