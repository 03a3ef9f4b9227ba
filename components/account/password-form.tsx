"use client";
import { useActionState } from "react";
import { type PasswordFormState, changePasswordAction } from "@/lib/actions/account";
import { Field, SubmitButton, TextInput } from "@/components/ui/form";

export function PasswordForm() {
  const [state, action, pending] = useActionState<PasswordFormState, FormData>(changePasswordAction, {});
  const e = state.errors ?? {};
  return (
    <form action={action} noValidate aria-label="Change password" className="max-w-md space-y-4">
      {e.form ? <p role="alert" className="text-sm text-red-600">{e.form}</p> : null}
      <Field label="Current password" error={e.currentPassword}>
        <TextInput name="currentPassword" type="password" autoComplete="current-password" invalid={!!e.currentPassword} />
      </Field>
      <Field label="New password" error={e.newPassword}>
        <TextInput name="newPassword" type="password" autoComplete="new-password" invalid={!!e.newPassword} />
      </Field>
      <div className="w-56">
        <SubmitButton pending={pending}>{pending ? "Changing…" : "Change password"}</SubmitButton>
      </div>
    </form>
  );
}
