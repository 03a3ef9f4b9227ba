"use server";
// "Forgot password": a link by email (SMTP_URL), valid for an hour and once. The answer is the
// same whether or not the email has an account, so the form cannot be used to find accounts.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { dashboardUrl } from "../alerts/dispatch";
import { clientAddress } from "../auth/client-address";
import { allowResetRequest } from "../auth/login-limit";
import { hashPassword, newPasswordSchema } from "../auth/passwords";
import { findUserByEmail, normaliseEmail } from "../db/accounts";
import { createPasswordReset, findOpenPasswordReset, redeemPasswordReset } from "../db/password-resets";
import { mailConfigured, sendMail } from "../mail";
import { type FieldErrors, fieldErrors, valuesOf } from "../settings/forms";

export type ResetRequestState = { errors?: FieldErrors; values?: Record<string, string>; sentTo?: string };
export type ResetState = { errors?: FieldErrors };

const NO_MAIL = "This server cannot send email (SMTP_URL is not set). Ask an admin to set a new password with: npm run tollgate -- user password --email <you> --password <new>";

export async function requestPasswordReset(_prev: ResetRequestState, form: FormData): Promise<ResetRequestState> {
  const values = valuesOf(form);
  const email = z.email("Enter a valid email address").max(320).transform(normaliseEmail).safeParse(values.email ?? "");
  if (!email.success) return { errors: fieldErrors(email.error, () => "email"), values };
  if (!mailConfigured()) return { errors: { form: NO_MAIL }, values };
  if (!(await allowResetRequest(email.data, clientAddress((await headers()).get("x-forwarded-for"))))) {
    return { errors: { form: "Too many reset requests. Wait 15 minutes and try again." }, values };
  }
  const user = await findUserByEmail(email.data);
  if (user?.passwordHash) {
    const link = `${dashboardUrl()}/reset-password/${await createPasswordReset(user.id)}`;
    await sendMail({ to: user.email, subject: "Reset your Tollgate password", text: `Someone (hopefully you) asked to reset the password of ${user.email} on Tollgate.\n\nChoose a new one within an hour: ${link}\n\nIf it was not you, ignore this email: your password stays as it is.\n` }).catch((error: Error) =>
      console.error(`password reset: mail to ${user.email} failed: ${error.message}`),
    );
  }
  return { sentTo: email.data };
}

export async function resetPasswordAction(_prev: ResetState, form: FormData): Promise<ResetState> {
  const token = String(form.get("token") ?? "");
  const password = newPasswordSchema.safeParse(String(form.get("password") ?? ""));
  if (!password.success) return { errors: fieldErrors(password.error, () => "password") };
  const reset = await findOpenPasswordReset(token);
  if (!reset || !(await redeemPasswordReset(token, await hashPassword(password.data)))) return { errors: { form: "This link has expired or was already used. Ask for a new one." } };
  redirect(`/login?signedOut=password-changed&email=${encodeURIComponent(reset.user.email)}`);
}
