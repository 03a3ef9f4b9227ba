"use server";
// The signed-in user's own account: change their password, or sign out on every device. Both
// end every session, this one included, so a stolen session cookie dies with the old password.
import { redirect } from "next/navigation";
import { allowLoginAttempt } from "../auth/login-limit";
import { hashPassword, newPasswordSchema, verifyPassword } from "../auth/passwords";
import { currentUser } from "../auth/session";
import { endSessions, findUserByEmail, setPassword } from "../db/accounts";
import { type FieldErrors, fieldErrors } from "../settings/forms";

export type PasswordFormState = { errors?: FieldErrors };

export async function changePasswordAction(_prev: PasswordFormState, form: FormData): Promise<PasswordFormState> {
  const user = await currentUser();
  if (!user) return { errors: { form: "Sign in first." } };
  const account = await findUserByEmail(user.email);
  if (!account?.passwordHash) return { errors: { form: "This account signs in with GitHub and has no password." } };
  const current = String(form.get("currentPassword") ?? "");
  const next = newPasswordSchema.safeParse(String(form.get("newPassword") ?? ""));
  if (!next.success) return { errors: fieldErrors(next.error, () => "newPassword") };
  if (next.data === current) return { errors: { newPassword: "Choose a password different from the current one." } };
  // A wrong current password costs the same as a failed sign-in: it cannot be guessed faster here.
  const attempt = await allowLoginAttempt(user.email, undefined);
  if (!attempt.allowed) return { errors: { currentPassword: "Too many attempts. Wait 15 minutes and try again." } };
  if (current.length > 200 || !(await verifyPassword(current, account.passwordHash))) return { errors: { currentPassword: "That is not your current password." } };
  await attempt.succeeded();
  await setPassword(user.userId, await hashPassword(next.data), new Date());
  redirect(`/login?signedOut=password-changed&email=${encodeURIComponent(user.email)}`);
}

export async function signOutEverywhereAction(): Promise<void> {
  const user = await currentUser();
  if (!user) redirect("/login");
  await endSessions(user.userId, new Date());
  redirect(`/login?signedOut=everywhere&email=${encodeURIComponent(user.email)}`);
}
