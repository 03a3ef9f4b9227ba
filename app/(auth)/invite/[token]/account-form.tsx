"use client";
import { useActionState } from "react";
import { type AccountState, createAccountFromInvitation } from "@/lib/actions/members";
import { Field, SubmitButton, TextInput } from "@/components/ui/form";

export function AccountForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<AccountState, FormData>(createAccountFromInvitation, {});
  const e = state.errors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {e.form ? <p role="alert" className="text-sm text-red-600">{e.form}</p> : null}
      <input type="hidden" name="token" value={token} />
      <Field label="Email">
        <TextInput value={email} readOnly />
      </Field>
      <Field label="Your name" error={e.name}>
        <TextInput name="name" autoComplete="name" defaultValue={state.values?.name ?? ""} invalid={!!e.name} />
      </Field>
      <Field label="Password" error={e.password}>
        <TextInput name="password" type="password" autoComplete="new-password" invalid={!!e.password} />
      </Field>
      <SubmitButton pending={pending}>{pending ? "Creating…" : "Create account and join"}</SubmitButton>
    </form>
  );
}
