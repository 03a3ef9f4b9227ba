"use client";
// Set a workspace's price for a model, in USD per million tokens (prefilled by "Set price").
import { useActionState } from "react";
import { type PriceFormState, savePriceAction } from "@/lib/actions/pricing";
import { Field, SubmitButton, TextInput } from "@/components/ui/form";

export function PriceForm({ initial }: { initial: Record<string, string> }) {
  const [state, action, pending] = useActionState<PriceFormState, FormData>(savePriceAction, {});
  const v = state.values ?? initial;
  const e = state.errors ?? {};
  const input = (name: string, props: Parameters<typeof TextInput>[0] = {}) => <TextInput name={name} defaultValue={v[name] ?? ""} invalid={!!e[name]} {...props} />;
  return (
    <form key={state.saved ?? JSON.stringify(v)} id="set-price" action={action} noValidate aria-label="Set a price" className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="text-lg font-semibold">Set a price (USD per million tokens)</h2>
      {e.form ? <p role="alert" className="text-sm text-red-600">{e.form}</p> : null}
      {state.saved ? <p role="status" className="text-sm text-emerald-600">{state.saved}</p> : null}
      <div className="grid gap-4 md:grid-cols-6">
        <Field label="Provider" error={e.provider}>{input("provider", { placeholder: "openai" })}</Field>
        <div className="md:col-span-2">
          <Field label="Model" error={e.model}>{input("model", { placeholder: "ft:gpt-4o-mini:acme" })}</Field>
        </div>
        <Field label="Input" error={e.input}>{input("input", { inputMode: "decimal", placeholder: "0.15" })}</Field>
        <Field label="Output" error={e.output}>{input("output", { inputMode: "decimal", placeholder: "0.60" })}</Field>
        <Field label="Cached input (optional)" error={e.cachedInput}>{input("cachedInput", { inputMode: "decimal" })}</Field>
      </div>
      <input type="hidden" name="cacheWrite" value={v.cacheWrite ?? ""} />
      <div className="w-40">
        <SubmitButton pending={pending}>{pending ? "Saving…" : "Save price"}</SubmitButton>
      </div>
    </form>
  );
}
