"use server";
// Settings → Members and the invitation link: invite by email (a link shown for copying, and
// mailed when SMTP is configured), change roles, remove members, accept an invitation, and
// switch the current workspace. Every role rule is checked here, on the server.
import { refuse } from "./refuse";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { dashboardUrl } from "../alerts/dispatch";
import { hashPassword, newPasswordSchema } from "../auth/passwords";
import type { Role } from "../auth/roles";
import { currentManager, currentMember, currentUser, rememberWorkspace } from "../auth/session";
import { createUserForInvitation, findUserByEmail, listMemberships, normaliseEmail } from "../db/accounts";
import { actorOf, recordAudit } from "../db/audit";
import { LastOwnerError, acceptInvitation, createInvitation, findMembership, findOpenInvitation, revokeInvitation, setMemberRole } from "../db/members";
import { mailConfigured, sendMail } from "../mail";
import { type FieldErrors, fieldErrors, valuesOf } from "../settings/forms";

export type InviteState = { errors?: FieldErrors; values?: Record<string, string>; link?: string; emailed?: string; emailError?: string };

const inviteSchema = z.object({
  email: z.email("Enter a valid email address").max(320, "At most 320 characters").transform(normaliseEmail),
  role: z.enum(["admin", "member", "viewer"], "Pick admin, member or viewer"),
});

const PAGE = "/settings/members";

export async function inviteMember(_prev: InviteState, form: FormData): Promise<InviteState> {
  const values = valuesOf(form);
  const member = await currentManager();
  if (!member) return { errors: { form: "Only workspace owners and admins can invite." }, values };
  const parsed = inviteSchema.safeParse({ email: values.email ?? "", role: values.role ?? "" });
  if (!parsed.success) return { errors: fieldErrors(parsed.error, (path) => String(path[0] ?? "form")), values };
  const { token } = await createInvitation(member.workspace.id, { ...parsed.data, invitedById: member.userId });
  const link = `${dashboardUrl()}/invite/${token}`;
  await recordAudit(member.workspace.id, actorOf(member), { action: "member.invited", target: parsed.data.email, detail: { role: parsed.data.role } });
  revalidatePath("/settings/members");
  if (!mailConfigured()) return { link };
  try {
    await sendMail({
      to: parsed.data.email,
      subject: `${member.email} invited you to ${member.workspace.name} on Tollgate`,
      text: `${member.email} invited you to the workspace "${member.workspace.name}" on Tollgate as ${parsed.data.role}.\n\nAccept within 7 days: ${link}\n`,
    });
    return { link, emailed: parsed.data.email };
  } catch (error) {
    return { link, emailError: (error as Error).message };
  }
}

export async function changeMember(form: FormData): Promise<void> {
  const member = await currentManager();
  if (!member) refuse(PAGE, "Only workspace owners and admins can change members.");
  const userId = String(form.get("userId") ?? "");
  const target = await findMembership(member.workspace.id, userId);
  if (!target) return;
  const role = form.get("change") === "remove" ? null : (String(form.get("role") ?? "") as Role);
  if (role !== null && !["owner", "admin", "member", "viewer"].includes(role)) refuse(PAGE, "Pick owner, admin, member or viewer.");
  // Only an owner makes, unmakes or removes an owner.
  if ((target.role === "owner" || role === "owner") && member.role !== "owner") refuse(PAGE, "Only an owner can change an owner's role or make someone owner.");
  try {
    await setMemberRole(member.workspace.id, userId, role);
  } catch (error) {
    if (error instanceof LastOwnerError) refuse(PAGE, error.message);
    throw error;
  }
  await recordAudit(member.workspace.id, actorOf(member), { action: role === null ? "member.removed" : "member.role_changed", target: target.user.email, detail: role === null ? undefined : { from: target.role, to: role } });
  revalidatePath("/settings/members");
}

export async function revokeInvitationAction(form: FormData): Promise<void> {
  const member = await currentManager();
  if (!member) refuse(PAGE, "Only workspace owners and admins can revoke invitations.");
  if (await revokeInvitation(member.workspace.id, String(form.get("id") ?? ""))) {
    await recordAudit(member.workspace.id, actorOf(member), { action: "invitation.revoked", target: String(form.get("email") ?? "") });
  }
  revalidatePath("/settings/members");
}

/** A signed-in user with the invited email joins the workspace, and it becomes their current one. */
export async function acceptInvitationAction(form: FormData): Promise<void> {
  const token = String(form.get("token") ?? "");
  const [user, invitation] = await Promise.all([currentUser(), findOpenInvitation(token)]);
  if (!user || !invitation || user.email.toLowerCase() !== invitation.email) redirect(`/invite/${token}`);
  if (await acceptInvitation(invitation.id, user.userId)) {
    await recordAudit(invitation.workspaceId, actorOf(user), { action: "invitation.accepted", target: user.email, detail: { role: invitation.role } });
  }
  await rememberWorkspace(invitation.workspaceId);
  redirect("/");
}

export type AccountState = { errors?: FieldErrors; values?: Record<string, string> };

/** Someone without an account creates one from the invitation, and is a member at once. */
export async function createAccountFromInvitation(_prev: AccountState, form: FormData): Promise<AccountState> {
  const { password: _password, ...values } = valuesOf(form);
  const token = values.token ?? "";
  const invitation = await findOpenInvitation(token);
  if (!invitation) return { errors: { form: "This invitation has expired, was revoked, or was already used." }, values };
  if (await findUserByEmail(invitation.email)) return { errors: { form: "An account with this email exists: sign in to accept." }, values };
  const parsed = z.object({ name: z.string().trim().max(100, "Use at most 100 characters.").optional(), password: newPasswordSchema }).safeParse({ name: values.name, password: String(form.get("password") ?? "") });
  if (!parsed.success) return { errors: fieldErrors(parsed.error, (path) => String(path[0] ?? "form")), values };
  const user = await createUserForInvitation({ email: invitation.email, name: parsed.data.name || undefined, passwordHash: await hashPassword(parsed.data.password) });
  await acceptInvitation(invitation.id, user.id);
  await recordAudit(invitation.workspaceId, { userId: user.id, label: user.email }, { action: "invitation.accepted", target: user.email, detail: { role: invitation.role, newAccount: true } });
  redirect(`/login?setup=invited&email=${encodeURIComponent(invitation.email)}`);
}

/** Makes another of the user's workspaces the current one (a cookie, checked on every request). */
export async function switchWorkspace(form: FormData): Promise<void> {
  const member = await currentMember();
  const id = String(form.get("workspaceId") ?? "");
  if (!member || !(await listMemberships(member.userId)).some((m) => m.workspaceId === id)) return;
  await rememberWorkspace(id);
  redirect("/");
}
