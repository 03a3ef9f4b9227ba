"use client";
// Create or edit a budget: a hard (or alert-only) USD limit per day or month, for the workspace,
// one API key, user or property value, or each of them separately.
import Link from "next/link";
import { useActionState, useState } from "react";
import { type FormState, saveBudget } from "@/lib/actions/alerts";
import type { FormValues } from "@/lib/settings/forms";
import { Field, Select, SubmitButton, TextInput } from "@/components/ui/form";

const SCOPES = [
  { value: "workspace", label: "The whole workspace" },
  { value: "api_key", label: "An API key" },
  { value: "user", label: "A user" },
  { value: "property", label: "A property value" },
];

export function BudgetForm({ initial, apiKeys, propertyKeys }: { initial: FormValues; apiKeys: { id: string; label: string }[]; propertyKeys: string[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveBudget, {});
  const v = state.values ?? initial;
  const e = state.errors ?? {};
  const [scope, setScope] = useState(v.scope || "workspace");
  const input = (name: string, props: Parameters<typeof TextInput>[0] = {}) => <TextInput name={name} defaultValue={v[name] ?? ""} invalid={!!e[name]} {...props} />;
  const each = scope === "api_key" ? "each key" : scope === "user" ? "each user" : "each value";

  return (
    <form key={JSON.stringify(v)} action={action} noValidate className="space-y-5 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900" aria-label={v.id ? "Edit budget" : "New budget"}>
      <h2 className="text-lg font-semibold">{v.id ? `Edit “${initial.name}”` : "New budget"}</h2>
      {e.form ? <p role="alert" className="text-sm text-red-600">{e.form}</p> : null}
      {v.id ? <input type="hidden" name="id" value={v.id} /> : null}
      <input type="hidden" name="enabled" value={v.enabled ?? "true"} />
      <div className="grid gap-4 md:grid-cols-4">
        <div className="md:col-span-2">
          <Field label="Name" error={e.name}>{input("name", { placeholder: "Monthly cap" })}</Field>
        </div>
        <Field label="Limit (USD)" error={e.limitUsd}>{input("limitUsd", { inputMode: "decimal", placeholder: "500" })}</Field>
        <Field label="Per" error={e.period}>
          <Select name="period" defaultValue={v.period || "month"} options={[{ value: "day", label: "Day" }, { value: "month", label: "Month" }]} />
        </Field>
        <Field label="Applies to" error={e.scope}>
          <Select name="scope" value={scope} onChange={(event) => setScope(event.target.value)} options={SCOPES} invalid={!!e.scope} />
        </Field>
        {scope === "property" ? <Field label="Property key" error={e.propertyKey}>{input("propertyKey", { placeholder: "Workflow", list: "budget-property-keys" })}</Field> : null}
        {scope === "api_key" ? (
          <Field label="Key" error={e.scopeValue}>
            <Select name="scopeValue" defaultValue={v.scopeValue ?? ""} options={[{ value: "", label: "Each key separately" }, ...apiKeys.map((k) => ({ value: k.id, label: k.label }))]} />
          </Field>
        ) : scope !== "workspace" ? (
          <Field label={scope === "user" ? "User id (empty: each user)" : "Value (empty: each value)"} error={e.scopeValue}>{input("scopeValue", { placeholder: each })}</Field>
        ) : null}
        <Field label="When reached" error={e.action}>
          <Select name="action" defaultValue={v.action || "block"} options={[{ value: "block", label: "Block calls (429)" }, { value: "alert", label: "Only notify" }]} />
        </Field>
        <Field label="Notify at (% of the limit)" error={e.notifyAtPercent}>{input("notifyAtPercent", { placeholder: "80, 100" })}</Field>
      </div>
      <datalist id="budget-property-keys">
        {propertyKeys.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">Notify</legend>
        <div className="grid gap-4 md:grid-cols-3">
          <Field label="Email addresses" error={e.emails}>{input("emails", { placeholder: "finance@example.com" })}</Field>
          <Field label="Slack incoming-webhook URL" error={e.slackWebhookUrl}>{input("slackWebhookUrl")}</Field>
          <Field label="Webhook URL (signed)" error={e.webhookUrl}>{input("webhookUrl")}</Field>
        </div>
      </fieldset>
      <div className="flex items-center gap-3">
        <div className="w-40">
          <SubmitButton pending={pending}>{pending ? "Saving…" : v.id ? "Save budget" : "Create budget"}</SubmitButton>
        </div>
        {v.id ? (
          <Link href="/settings/budgets" className="text-sm text-zinc-500 hover:underline">
            Cancel
          </Link>
        ) : null}
      </div>
    </form>
  );
}
