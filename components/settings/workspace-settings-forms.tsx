"use client";
// Settings → Workspace: its name, and deleting it (owners, typing the name to confirm).
import { useActionState } from "react";
import { type WorkspaceFormState, deleteWorkspaceAction, renameWorkspaceAction } from "@/lib/actions/workspaces";
import { Field, TextInput } from "@/components/ui/form";

const secondaryButton = "rounded-md border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800";

export function WorkspaceNameForm({ name }: { name: string }) {
  const [state, action, pending] = useActionState<WorkspaceFormState, FormData>(renameWorkspaceAction, {});
  const error = state.errors?.name ?? state.errors?.form;
  return (
    <form action={action} noValidate aria-label="Workspace name" className="flex flex-wrap items-end gap-3">
      <div className="w-72">
        <Field label="Name" error={error}>
          <TextInput name="name" defaultValue={state.values?.name ?? name} invalid={!!error} />
        </Field>
      </div>
      <button type="submit" disabled={pending} className={secondaryButton}>
        {pending ? "Saving…" : "Rename"}
      </button>
      {state.saved && !error ? <span role="status" className="text-sm text-emerald-600">Saved.</span> : null}
    </form>
  );
}

export function DeleteWorkspaceForm({ name }: { name: string }) {
  const [state, action, pending] = useActionState<WorkspaceFormState, FormData>(deleteWorkspaceAction, {});
  const error = state.errors?.confirm ?? state.errors?.form;
  return (
    <form action={action} noValidate aria-label="Delete workspace" className="flex flex-wrap items-end gap-3">
      <div className="w-72">
        <Field label={`Type ${name} to confirm`} error={error}>
          <TextInput name="confirm" defaultValue={state.values?.confirm ?? ""} invalid={!!error} autoComplete="off" />
        </Field>
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-red-600 px-3 py-2 text-sm font-semibold text-white hover:bg-red-500 disabled:opacity-60">
        {pending ? "Deleting…" : "Delete this workspace"}
      </button>
    </form>
  );
}
