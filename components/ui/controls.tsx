// Plain form controls for the dashboard's GET forms: they work without JavaScript and put every
// choice in the URL.
import type { ReactNode } from "react";

export const controlClass = "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function ShowButton({ children = "Show" }: { children?: ReactNode }) {
  return (
    <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2">
      {children}
    </button>
  );
}

export function SelectField({ label, name, defaultValue, options }: { label: string; name: string; defaultValue: string; options: { value: string; label: string }[] }) {
  return (
    <label className="text-xs text-zinc-500">
      {label}
      {/* Keyed by its value: after a client-side navigation the select shows the new URL's choice. */}
      <select key={defaultValue} name={name} defaultValue={defaultValue} className={`${controlClass} block`}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
