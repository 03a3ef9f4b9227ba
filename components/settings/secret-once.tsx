"use client";
// A new key's secret, shown this once with a copy button: it is never stored or shown again.
import { CopyButton } from "../ui/copy-button";

export function SecretOnce({ label, secret }: { label: string; secret: string }) {
  return (
    <div role="status" aria-label="New key" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950">
      <p className="font-medium">{label} Copy it now: Tollgate keeps only its hash and cannot show it again.</p>
      <div className="flex items-center gap-2">
        <code className="break-all rounded bg-white px-2 py-1 text-xs dark:bg-zinc-900" data-testid="new-secret">
          {secret}
        </code>
        <CopyButton label="Copy" text={secret} />
      </div>
    </div>
  );
}
