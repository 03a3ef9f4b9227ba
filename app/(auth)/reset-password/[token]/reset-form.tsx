"use client";
import { useActionState } from "react";
import { type ResetState, resetPasswordAction } from "@/lib/actions/password-reset";
import { Field, SubmitButton, TextInput } from "@/components/ui/form";

export function ResetForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<ResetState, FormData>(resetPasswordAction, {});
  const e = state.errors ?? {};
  return (
    <form action={action} noValidate aria-label="Choose a new password" className="space-y-4">
      {e.form ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{e.form}</p> : null}
      <input type="hidden" name="token" value={token} />
      <Field label="New password" error={e.password}>
        <TextInput name="password" type="password" autoComplete="new-password" invalid={!!e.password} />
      </Field>
      <SubmitButton pending={pending}>{pending ? "Saving…" : "Set the new password"}</SubmitButton>
    </form>
  );
}
