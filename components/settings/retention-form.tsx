"use client";
import { useActionState } from "react";
import { type RetentionState, saveRetention } from "@/lib/actions/retention";
import { Field, SubmitButton, TextInput } from "@/components/ui/form";

export function RetentionForm({ initial }: { initial: Record<string, string> }) {
  const [state, action, pending] = useActionState<RetentionState, FormData>(saveRetention, {});
  const v = state.values ?? initial;
  const e = state.errors ?? {};
  return (
    <form action={action} noValidate aria-label="Retention" className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
      {e.form ? <p role="alert" className="text-sm text-red-600">{e.form}</p> : null}
      {state.saved ? <p role="status" className="text-sm text-emerald-600">Saved. The next purge (hourly) applies it.</p> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Keep request and response bodies for (days; empty: forever)" error={e.bodyRetentionDays}>
          <TextInput name="bodyRetentionDays" inputMode="numeric" defaultValue={v.bodyRetentionDays ?? ""} invalid={!!e.bodyRetentionDays} />
        </Field>
        <Field label="Keep request rows for (days; empty: forever)" error={e.rowRetentionDays}>
          <TextInput name="rowRetentionDays" inputMode="numeric" defaultValue={v.rowRetentionDays ?? ""} invalid={!!e.rowRetentionDays} />
        </Field>
      </div>
      <div className="w-40">
        <SubmitButton pending={pending}>{pending ? "Saving…" : "Save retention"}</SubmitButton>
      </div>
    </form>
  );
}
