"use client";
// The workspace's time zone: where "today" and "this month" start for alerts and budgets.
import { useActionState } from "react";
import { type WorkspaceFormState, saveTimeZone } from "@/lib/actions/workspaces";
import { Field, TextInput } from "@/components/ui/form";

export function TimeZoneForm({ timeZone, zones }: { timeZone: string; zones: string[] }) {
  const [state, action, pending] = useActionState<WorkspaceFormState, FormData>(saveTimeZone, {});
  const error = state.errors?.timeZone ?? state.errors?.form;
  return (
    <form action={action} noValidate aria-label="Workspace time zone" className="flex flex-wrap items-end gap-3">
      <div className="w-72">
        <Field label="Time zone for “today” and “this month”" error={error}>
          <TextInput name="timeZone" defaultValue={state.values?.timeZone ?? timeZone} list="time-zones" invalid={!!error} />
        </Field>
      </div>
      <datalist id="time-zones">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <button type="submit" disabled={pending} className="rounded-md border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800">
        {pending ? "Saving…" : "Save zone"}
      </button>
      {state.saved && !error ? <span role="status" className="text-sm text-emerald-600">Saved.</span> : null}
    </form>
  );
}
