"use client";
// "Test connection": lists the provider's models with the key this workspace's calls would use.
import { useActionState } from "react";
import { type TestResult, testProviderAction } from "@/lib/actions/providers";

export function TestProvider({ provider }: { provider: string }) {
  const [result, action, pending] = useActionState<TestResult | null, FormData>(testProviderAction, null);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="provider" value={provider} />
      <button type="submit" disabled={pending} aria-label={`Test the ${provider} connection`} className="rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800">
        {pending ? "Testing…" : "Test connection"}
      </button>
      {result ? (
        <p role="status" className={`text-xs ${result.ok ? "text-emerald-600" : "text-red-600"}`}>
          {result.message}
        </p>
      ) : null}
    </form>
  );
}
