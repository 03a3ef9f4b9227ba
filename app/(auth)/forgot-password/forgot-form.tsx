"use client";
import { useActionState } from "react";
import { type ResetRequestState, requestPasswordReset } from "@/lib/actions/password-reset";
import { Field, SubmitButton, TextInput } from "@/components/ui/form";

export function ForgotForm({ email }: { email?: string }) {
  const [state, action, pending] = useActionState<ResetRequestState, FormData>(requestPasswordReset, {});
  if (state.sentTo) {
    return (
      <p role="status" className="text-sm">
        If an account uses {state.sentTo}, a link to choose a new password is on its way. It works once, within an hour.
      </p>
    );
  }
  const e = state.errors ?? {};
  return (
    <form action={action} noValidate aria-label="Forgot password" className="space-y-4">
      {e.form ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{e.form}</p> : null}
      <Field label="Email" error={e.email}>
        <TextInput name="email" type="email" autoComplete="email" defaultValue={state.values?.email ?? email ?? ""} invalid={!!e.email} />
      </Field>
      <SubmitButton pending={pending}>{pending ? "Sending…" : "Email me a link"}</SubmitButton>
    </form>
  );
}
