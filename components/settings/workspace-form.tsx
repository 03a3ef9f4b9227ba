"use client";
import { useActionState } from "react";
import { type WorkspaceFormState, createWorkspaceAction } from "@/lib/actions/workspaces";
import { Field, SubmitButton, TextInput } from "@/components/ui/form";

export function WorkspaceForm() {
  const [state, action, pending] = useActionState<WorkspaceFormState, FormData>(createWorkspaceAction, {});
  const e = state.errors ?? {};
  return (
    <form action={action} noValidate aria-label="New workspace" className="space-y-4">
      {e.form ? <p role="alert" className="text-sm text-red-600">{e.form}</p> : null}
      <Field label="Name" error={e.name}>
        <TextInput name="name" defaultValue={state.values?.name ?? ""} invalid={!!e.name} placeholder="Search team" />
      </Field>
      <SubmitButton pending={pending}>{pending ? "Creating…" : "Create workspace"}</SubmitButton>
    </form>
  );
}
