"use client";
// Rotate (a new secret, shown once, same key and limits) and revoke (asks once more).
import { useActionState } from "react";
import { type KeyActionState, revokeKeyAction, rotateKeyAction } from "@/lib/actions/keys";
import { SecretOnce } from "./secret-once";

const button = "rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

export function KeyActions({ id, name }: { id: string; name: string }) {
  const [state, rotate, pending] = useActionState<KeyActionState, FormData>(rotateKeyAction, {});
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-2">
        <form action={rotate}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" disabled={pending} className={button} aria-label={`Rotate ${name}`}>
            {pending ? "Rotating…" : "Rotate"}
          </button>
        </form>
        <details className="relative">
          <summary className={`${button} cursor-pointer list-none text-red-600`} aria-label={`Revoke ${name}`}>
            Revoke
          </summary>
          <form action={revokeKeyAction} className="absolute right-0 z-10 mt-1 w-56 rounded-md border border-zinc-200 bg-white p-2 text-xs shadow dark:border-zinc-700 dark:bg-zinc-900">
            <input type="hidden" name="id" value={id} />
            <p className="mb-2">Revoke “{name}”? Calls with it get 401 within seconds.</p>
            <button type="submit" className="rounded-md bg-red-600 px-2 py-1 font-medium text-white hover:bg-red-500">
              Revoke key
            </button>
          </form>
        </details>
      </div>
      {state.error ? <p className="text-xs text-red-600">{state.error}</p> : null}
      {state.secret ? <SecretOnce label={`New secret for “${name}”; the old one stops working within seconds.`} secret={state.secret} /> : null}
    </div>
  );
}
