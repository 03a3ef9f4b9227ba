"use client";
// Add or replace a provider key. Saving a key for a provider that has one replaces it (rotation).
import { useActionState, useState } from "react";
import { type ProviderFormState, saveProviderKeyAction } from "@/lib/actions/providers";
import { Field, Select, SubmitButton, TextInput } from "@/components/ui/form";

export function ProviderForm({ providers }: { providers: { value: string; label: string }[] }) {
  const [state, action, pending] = useActionState<ProviderFormState, FormData>(saveProviderKeyAction, {});
  const v = state.values ?? {};
  const e = state.errors ?? {};
  const [provider, setProvider] = useState(v.provider || "openai");
  return (
    <form key={state.saved ?? JSON.stringify(v)} action={action} noValidate aria-label="Add a provider key" className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="text-lg font-semibold">Add or replace a provider key</h2>
      {e.form ? <p role="alert" className="text-sm text-red-600">{e.form}</p> : null}
      {state.saved ? <p role="status" className="text-sm text-emerald-600">{state.saved}</p> : null}
      <div className="grid gap-4 md:grid-cols-4">
        <Field label="Provider" error={e.provider}>
          <Select name="provider" value={provider} onChange={(event) => setProvider(event.target.value)} options={providers} />
        </Field>
        {provider === "custom" ? (
          <Field label="Name (models are called name/model)" error={e.name}>
            <TextInput name="name" defaultValue={v.name ?? ""} placeholder="lab" invalid={!!e.name} />
          </Field>
        ) : null}
        <Field label="API key" error={e.apiKey}>
          <TextInput name="apiKey" type="password" autoComplete="off" placeholder="sk-…" invalid={!!e.apiKey} />
        </Field>
        <Field label={provider === "custom" || provider === "azure" ? "Base URL" : "Base URL (optional)"} error={e.baseUrl}>
          <TextInput name="baseUrl" defaultValue={v.baseUrl ?? ""} placeholder={provider === "custom" ? "http://10.0.0.5:8000/v1" : "the provider's public API"} invalid={!!e.baseUrl} />
        </Field>
      </div>
      <div className="w-40">
        <SubmitButton pending={pending}>{pending ? "Saving…" : "Save key"}</SubmitButton>
      </div>
    </form>
  );
}
