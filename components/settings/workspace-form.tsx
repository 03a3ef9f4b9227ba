"use client";
import { useActionState } from "react";
import { type WorkspaceFormState, createWorkspaceAction } from "@/lib/actions/workspaces";
import { Field, SubmitButton, TextInput } from "@/components/ui/form";

export function WorkspaceForm() {
  const [state, action, pending] = useActionState<WorkspaceFormState, FormData>(createWorkspaceAction, {});
  const e = state.errors ?? {};
  return (
    <form action={action} noValidate aria-label="New workspace" className="max-w-lg space-y-4 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
      {e.form ? <p role="alert" className="text-sm text-red-600">{e.form}</p> : null}
      <Field label="Name" error={e.name}>
        <TextInput name="name" defaultValue={state.values?.name ?? ""} invalid={!!e.name} placeholder="Search team" />
      </Field>
      <div className="w-48">
        <SubmitButton pending={pending}>{pending ? "Creating…" : "Create workspace"}</SubmitButton>
      </div>
    </form>
  );
}
