"use client";
// Filters for the Requests page. Every filter lives in the URL, so a link reproduces the view.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import { controlClass } from "@/components/ui/controls";
import { TimeFields, type TimeFieldsProps } from "@/components/ui/time-fields";

const PROPERTY_PARAMS = { eq: "property", ne: "propertyNot", contains: "propertyContains" } as const;
type Op = keyof typeof PROPERTY_PARAMS;
/** Kept from the current URL when filters change: the sort order, live mode, page size, the Overview's chart choices. */
const KEPT = ["sort", "dir", "live", "size", "granularity", "property"];
/** Filters set by links (a session, an alert's API key) rather than fields: kept until cleared. */
const SCOPES = [
  ["sessionId", "Session"],
  ["apiKeyId", "API key"],
] as const;

export interface PropertyFilter {
  key: string;
  op: Op;
  value: string;
}

/** The known values of each chosen key, fetched once per key, for the value field's suggestions. */
function useKnownValues(keys: string[]) {
  const [known, setKnown] = useState<Record<string, string[]>>({});
  const wanted = keys.filter((k) => k && !(k in known)).join("\n");
  useEffect(() => {
    for (const key of wanted ? wanted.split("\n") : []) {
      fetch(`/api/v1/properties/${encodeURIComponent(key)}/values`)
        .then((r) => (r.ok ? (r.json() as Promise<{ data: string[] }>) : { data: [] }))
        .then(({ data }) => setKnown((all) => ({ ...all, [key]: data })))
        .catch(() => setKnown((all) => ({ ...all, [key]: [] })));
    }
  }, [wanted]);
  return known;
}

/**
 * `summary`: only the filters summary views (the Overview) can apply: no text search, cost or
 * latency bounds, cache status, or property operators other than equals.
 */
export function FilterBar({ propertyKeys, properties, time, summary = false }: { propertyKeys: string[]; properties: PropertyFilter[]; time: TimeFieldsProps; summary?: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [conditions, setConditions] = useState<PropertyFilter[]>(properties.length ? properties : []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of [...KEPT, ...SCOPES.map(([name]) => name)]) if (params.get(name)) next.set(name, params.get(name)!);
    for (const name of ["range", "from", "to", "granularity", "model", "provider", "status", "userId", "cache", "q", "minCostUsd", "maxLatencyMs"]) {
      const value = String(form.get(name) ?? "").trim();
      if (value) next.set(name, value);
    }
    for (const c of conditions) if (c.key && c.value) next.append(`${PROPERTY_PARAMS[c.op]}.${c.key}`, c.value);
    router.push(`${pathname}?${next.toString()}`);
  }

  const value = (name: string) => params.get(name) ?? "";
  const clear = (name: string) => {
    const next = new URLSearchParams(params);
    next.delete(name);
    router.push(`${pathname}?${next.toString()}`);
  };
  const known = useKnownValues(conditions.map((c) => c.key));
  const update = (i: number, patch: Partial<PropertyFilter>) => setConditions((all) => all.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  return (
    <form onSubmit={submit} aria-label="Filters" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-wrap items-end gap-3">
        <TimeFields {...time} />
        <label className="text-xs text-zinc-500">
          Model
          <input name="model" defaultValue={value("model")} placeholder="any" className={`${controlClass} block w-40`} />
        </label>
        <label className="text-xs text-zinc-500">
          Provider
          <input name="provider" defaultValue={value("provider")} placeholder="any" className={`${controlClass} block w-28`} />
        </label>
        <label className="text-xs text-zinc-500">
          Status
          <select name="status" defaultValue={value("status")} className={`${controlClass} block`}>
            <option value="">any</option>
            <option value="success">success</option>
            <option value="error">error</option>
            {["400", "401", "429", "499", "500", "502", "503", "504"].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-zinc-500">
          User
          <input name="userId" defaultValue={value("userId")} placeholder="any" className={`${controlClass} block w-36`} />
        </label>
        {summary ? null : (
          <>
            <label className="text-xs text-zinc-500">
              Cache
              <select name="cache" defaultValue={value("cache")} className={`${controlClass} block`}>
                <option value="">any</option>
                <option value="hit">hit</option>
                <option value="miss">miss</option>
              </select>
            </label>
            <label className="text-xs text-zinc-500">
              Min cost ($)
              <input name="minCostUsd" type="number" step="any" min="0" defaultValue={value("minCostUsd")} className={`${controlClass} block w-24`} />
            </label>
            <label className="text-xs text-zinc-500">
              Max latency (ms)
              <input name="maxLatencyMs" type="number" min="0" defaultValue={value("maxLatencyMs")} className={`${controlClass} block w-28`} />
            </label>
            <label className="flex-1 text-xs text-zinc-500">
              Search prompt and response
              <input name="q" type="search" defaultValue={value("q")} className={`${controlClass} block w-full min-w-40`} />
            </label>
          </>
        )}
      </div>
      <div className="space-y-2">
        {SCOPES.filter(([name]) => params.get(name)).map(([name, label]) => (
          <div key={name} role="group" aria-label={`${label} filter`} className="flex items-center gap-2 text-sm">
            <span className="text-zinc-500">{label}</span>
            <code className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">{params.get(name)}</code>
            <button type="button" onClick={() => clear(name)} className="text-sm text-zinc-500 hover:text-red-600">
              Clear
            </button>
          </div>
        ))}
        {conditions.map((c, i) => (
          <div key={i} className="flex flex-wrap items-center gap-2" role="group" aria-label={`Property filter ${i + 1}`}>
            <select aria-label="Property" value={c.key} onChange={(e) => update(i, { key: e.target.value })} className={controlClass}>
              <option value="">property…</option>
              {[...new Set([...propertyKeys, c.key].filter(Boolean))].map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
            {summary ? (
              <span className="text-sm text-zinc-500">equals</span>
            ) : (
              <select aria-label="Operator" value={c.op} onChange={(e) => update(i, { op: e.target.value as Op })} className={controlClass}>
                <option value="eq">equals</option>
                <option value="ne">not equals</option>
                <option value="contains">contains</option>
              </select>
            )}
            <input aria-label="Value" list={`property-values-${i}`} value={c.value} onChange={(e) => update(i, { value: e.target.value })} className={controlClass} />
            <datalist id={`property-values-${i}`}>
              {(known[c.key] ?? []).map((v) => (
                <option key={v} value={v} />
              ))}
            </datalist>
            <button type="button" onClick={() => setConditions((all) => all.filter((_, j) => j !== i))} className="text-sm text-zinc-500 hover:text-red-600">
              Remove
            </button>
          </div>
        ))}
        <div className="flex gap-2">
          <button type="button" onClick={() => setConditions((all) => [...all, { key: propertyKeys[0] ?? "", op: "eq", value: "" }])} className="rounded-md border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700">
            + Property filter
          </button>
          <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1 text-sm font-semibold text-white hover:bg-indigo-500">
            Apply
          </button>
          <a href={pathname} className="px-2 py-1 text-sm text-zinc-500 hover:underline">
            Clear
          </a>
        </div>
      </div>
    </form>
  );
}
