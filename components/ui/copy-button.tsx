"use client";
// A button that copies a text and says so for a moment (and to screen readers).
import { useState } from "react";

/** A button that copies `text` and says so for a moment. */
export function CopyButton({ label, text }: { label: string; text: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  // Browsers offer no clipboard on plain-http pages other than localhost: that is "failed", not a crash.
  const copy = () =>
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(text))
      .then(
        () => setState("copied"),
        () => setState("failed"),
      )
      .finally(() => setTimeout(() => setState("idle"), 1500));
  return (
    <button type="button" onClick={copy} className="rounded-md border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}
      <span className="sr-only" aria-live="polite">
        {state === "copied" ? `${label}: copied` : ""}
      </span>
    </button>
  );
}

