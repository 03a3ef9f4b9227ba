"use client";
// A new key's secret, shown this once with a copy button: it is never stored or shown again.
import { useState } from "react";

export function SecretOnce({ label, secret }: { label: string; secret: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" aria-label="New key" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950">
      <p className="font-medium">{label} Copy it now: Tollgate keeps only its hash and cannot show it again.</p>
      <div className="flex items-center gap-2">
        <code className="break-all rounded bg-white px-2 py-1 text-xs dark:bg-zinc-900" data-testid="new-secret">
          {secret}
        </code>
        <button
          type="button"
          onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true))}
          className="rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
