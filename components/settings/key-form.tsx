"use client";
// Create an API key: a name, an optional expiry, allowed models, and an optional rate limit and
// budget of its own. The secret comes back once and is shown above the form.
import { useActionState } from "react";
import { type KeyFormState, createKeyAction } from "@/lib/actions/keys";
import { Field, Select, SubmitButton, TextInput } from "@/components/ui/form";
import { SecretOnce } from "./secret-once";

export function KeyForm() {
  const [state, action, pending] = useActionState<KeyFormState, FormData>(createKeyAction, {});
  const v = state.values ?? {};
  const e = state.errors ?? {};
  const input = (name: string, props: Parameters<typeof TextInput>[0] = {}) => <TextInput name={name} defaultValue={v[name] ?? ""} invalid={!!e[name]} {...props} />;
  return (
    <div className="space-y-4">
      {state.created ? <SecretOnce label={`Key “${state.created.name}” created.`} secret={state.created.secret} /> : null}
      <form key={state.created?.secret ?? JSON.stringify(v)} action={action} noValidate aria-label="New API key" className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 className="text-lg font-semibold">New API key</h2>
        {e.form ? <p role="alert" className="text-sm text-red-600">{e.form}</p> : null}
        <div className="grid gap-4 md:grid-cols-3">
          <Field label="Name" error={e.name}>{input("name", { placeholder: "checkout service" })}</Field>
          <Field label="Expires (optional)" error={e.expiresAt}>{input("expiresAt", { type: "date" })}</Field>
          <Field label="Allowed models (optional)" error={e.allowedModels}>{input("allowedModels", { placeholder: "gpt-4o-mini, claude-haiku-4-5" })}</Field>
          <Field label="Rate limit, requests a minute (optional)" error={e.rateLimitPerMinute}>{input("rateLimitPerMinute", { inputMode: "numeric", placeholder: "600" })}</Field>
          <Field label="Budget in USD (optional)" error={e.budgetUsd}>{input("budgetUsd", { inputMode: "decimal", placeholder: "100" })}</Field>
          <Field label="Budget per" error={e.budgetPeriod}>
            <Select name="budgetPeriod" defaultValue={v.budgetPeriod || "month"} options={[{ value: "day", label: "Day" }, { value: "month", label: "Month" }]} />
          </Field>
        </div>
        <div className="w-40">
          <SubmitButton pending={pending}>{pending ? "Creating…" : "Create key"}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
