"use client";
// "Send test notification": delivers to each channel of the alert now and shows each outcome.
import { useActionState } from "react";
import { type TestState, testAlert } from "@/lib/actions/alerts";

export function TestButton({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState<TestState, FormData>(testAlert, {});
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} aria-label={`Send a test notification for ${name}`} className="rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800">
        {pending ? "Sending…" : "Send test"}
      </button>
      {state.error ? <p role="status" className="text-xs text-red-600">{state.error}</p> : null}
      {state.outcomes ? (
        <ul role="status" aria-label={`Test results for ${name}`} className="space-y-0.5 text-xs">
          {state.outcomes.map((o) => (
            <li key={`${o.channel}:${o.target}`} className={o.status === "delivered" ? "text-emerald-600" : "text-red-600"}>
              {o.channel} {o.status === "delivered" ? "delivered" : `failed: ${o.error}`}
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
