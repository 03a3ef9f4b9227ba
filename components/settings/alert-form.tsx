"use client";
// Create or edit an alert. Validated on the server with the API's schema; each error shows on
// its field, and the typed values come back so nothing is lost.
import Link from "next/link";
import { useActionState } from "react";
import { type FormState, saveAlert } from "@/lib/actions/alerts";
import { COMPARISONS, METRICS, METRIC_LABELS } from "@/lib/alerts/rules";
import type { FormValues } from "@/lib/settings/forms";
import { WINDOW_CHOICES } from "@/lib/settings/alert-form";
import { Field, Select, SubmitButton, TextInput } from "@/components/ui/form";

export interface AlertFormProps {
  initial: FormValues;
  apiKeys: { id: string; label: string }[];
  propertyKeys: string[];
}

const METRIC_OPTIONS = METRICS.map((m) => ({ value: m, label: `${METRIC_LABELS[m].name} (${METRIC_LABELS[m].unit})` }));
const COMPARISON_OPTIONS = Object.entries(COMPARISONS).map(([value, symbol]) => ({ value, label: symbol }));

export function AlertForm({ initial, apiKeys, propertyKeys }: AlertFormProps) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveAlert, {});
  const v = state.values ?? initial;
  const e = state.errors ?? {};
  const windows = WINDOW_CHOICES.some((w) => w.value === v.window) || !v.window ? WINDOW_CHOICES : [...WINDOW_CHOICES, { value: v.window, label: `Last ${v.window} minutes` }];
  const groups = [{ value: "", label: "Nothing: one alert for all" }, { value: "user", label: "Each user" }, { value: "model", label: "Each model" }, ...propertyKeys.map((k) => ({ value: `property:${k}`, label: `Each ${k} value` }))];
  if (v.groupBy && !groups.some((g) => g.value === v.groupBy)) groups.push({ value: v.groupBy, label: v.groupBy });
  const keys = [{ value: "", label: "Any key" }, ...apiKeys.map((k) => ({ value: k.id, label: k.label }))];
  const input = (name: string, props: Parameters<typeof TextInput>[0] = {}) => <TextInput name={name} defaultValue={v[name] ?? ""} invalid={!!e[name]} {...props} />;

  return (
    // Keyed by the values: after a save or a switch to another alert, the fields show them.
    <form key={JSON.stringify(v)} action={action} noValidate className="space-y-5 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900" aria-label={v.id ? "Edit alert" : "New alert"}>
      <h2 className="text-lg font-semibold">{v.id ? `Edit “${initial.name}”` : "New alert"}</h2>
      {e.form ? <p role="alert" className="text-sm text-red-600">{e.form}</p> : null}
      {v.id ? <input type="hidden" name="id" value={v.id} /> : null}
      <input type="hidden" name="enabled" value={v.enabled ?? "true"} />
      <div className="grid gap-4 md:grid-cols-4">
        <div className="md:col-span-2">
          <Field label="Name" error={e.name}>{input("name", { placeholder: "Daily spend" })}</Field>
        </div>
        <Field label="Metric" error={e.metric}>
          <Select name="metric" defaultValue={v.metric || "spend"} options={METRIC_OPTIONS} invalid={!!e.metric} />
        </Field>
        <div className="grid grid-cols-[5rem_1fr] gap-2">
          <Field label="Is" error={e.comparison}>
            <Select name="comparison" defaultValue={v.comparison || "gt"} options={COMPARISON_OPTIONS} />
          </Field>
          <Field label="Threshold" error={e.threshold}>{input("threshold", { inputMode: "decimal", placeholder: "50" })}</Field>
        </div>
        <Field label="Window" error={e.window}>
          <Select name="window" defaultValue={v.window || "calendar_day"} options={windows} invalid={!!e.window} />
        </Field>
        <Field label="Alert separately for" error={e.groupBy}>
          <Select name="groupBy" defaultValue={v.groupBy ?? ""} options={groups} invalid={!!e.groupBy} />
        </Field>
        <Field label="Minimum requests" error={e.minRequests}>{input("minRequests", { inputMode: "numeric", placeholder: "0" })}</Field>
        <Field label="Resolve after (minutes clear)" error={e.cooldownMinutes}>{input("cooldownMinutes", { inputMode: "numeric", placeholder: "15" })}</Field>
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">Only count requests where (optional)</legend>
        <div className="grid gap-4 md:grid-cols-5">
          <Field label="Model" error={e.filterModel}>{input("filterModel", { placeholder: "gpt-4o" })}</Field>
          <Field label="User" error={e.filterUser}>{input("filterUser")}</Field>
          <Field label="API key" error={e.filterApiKey}>
            <Select name="filterApiKey" defaultValue={v.filterApiKey ?? ""} options={keys} />
          </Field>
          <Field label="Property" error={e.filterPropertyKey}>{input("filterPropertyKey", { placeholder: "Workflow", list: "alert-property-keys" })}</Field>
          <Field label="equals" error={e.filterPropertyValue}>{input("filterPropertyValue", { placeholder: "research-agent" })}</Field>
        </div>
        <datalist id="alert-property-keys">
          {propertyKeys.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">Notify</legend>
        <div className="grid gap-4 md:grid-cols-3">
          <Field label="Email addresses" error={e.emails}>{input("emails", { placeholder: "ops@example.com, cto@example.com" })}</Field>
          <Field label="Slack incoming-webhook URL" error={e.slackWebhookUrl}>{input("slackWebhookUrl", { placeholder: "https://hooks.slack.com/services/…" })}</Field>
          <Field label="Webhook URL (signed)" error={e.webhookUrl}>{input("webhookUrl", { placeholder: "https://example.com/tollgate-alerts" })}</Field>
        </div>
      </fieldset>
      <div className="flex items-center gap-3">
        <div className="w-40">
          <SubmitButton pending={pending}>{pending ? "Saving…" : v.id ? "Save alert" : "Create alert"}</SubmitButton>
        </div>
        {v.id ? (
          <Link href="/settings/alerts" className="text-sm text-zinc-500 hover:underline">
            Cancel
          </Link>
        ) : null}
      </div>
    </form>
  );
}
