"use client";
import { useActionState } from "react";
import { type SetupState, setUpOwner } from "@/lib/actions/set-up-owner";
import { Field, SubmitButton, TextInput } from "@/components/ui/form";

export function SetupForm() {
  const [state, action, pending] = useActionState<SetupState, FormData>(setUpOwner, {});
  const e = state.errors ?? {};
  const v = state.values ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {e.form ? <p role="alert" className="text-sm text-red-600">{e.form}</p> : null}
      <Field label="Your name" error={e.name}>
        <TextInput name="name" autoComplete="name" defaultValue={v.name} invalid={!!e.name} />
      </Field>
      <Field label="Email" error={e.email}>
        <TextInput name="email" type="email" autoComplete="email" required defaultValue={v.email} invalid={!!e.email} />
      </Field>
      <Field label="Password" error={e.password}>
        <TextInput name="password" type="password" autoComplete="new-password" required invalid={!!e.password} />
      </Field>
      <Field label="Workspace name" error={e.workspaceName}>
        <TextInput name="workspaceName" defaultValue={v.workspaceName ?? "Default"} invalid={!!e.workspaceName} />
      </Field>
      <SubmitButton pending={pending}>{pending ? "Creating…" : "Create owner account"}</SubmitButton>
    </form>
  );
}
