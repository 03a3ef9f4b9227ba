"use client";
// The time-range picker (1 h … 90 d or custom dates) and the granularity switch, as fields of the
// page's GET form. The custom dates show only when "custom" is chosen.
import { useState } from "react";
import { GRANULARITIES, RANGES } from "@/lib/analytics/time-range";
import { SelectField, controlClass } from "./controls";

export interface TimeFieldsProps {
  range: string;
  /** ISO dates (YYYY-MM-DD) of the current window, inclusive. */
  fromDay: string;
  toDay: string;
  /** Present when the page has a chart over time. */
  granularity?: string;
}

/** Remounted when the URL's window changes, so the fields never show a previous page's choice. */
export function TimeFields(props: TimeFieldsProps) {
  return <Fields key={`${props.range}|${props.fromDay}|${props.toDay}|${props.granularity ?? ""}`} {...props} />;
}

function Fields({ range, fromDay, toDay, granularity }: TimeFieldsProps) {
  const [chosen, setChosen] = useState(range);
  return (
    <>
      <label className="text-xs text-zinc-500">
        Time
        <select name="range" value={chosen} onChange={(e) => setChosen(e.target.value)} className={`${controlClass} block`}>
          {Object.keys(RANGES).map((r) => (
            <option key={r} value={r}>
              Last {r}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
      </label>
      {chosen === "custom" ? (
        <>
          <label className="text-xs text-zinc-500">
            From
            <input type="date" name="from" defaultValue={fromDay} required className={`${controlClass} block`} />
          </label>
          <label className="text-xs text-zinc-500">
            To
            <input type="date" name="to" defaultValue={toDay} required className={`${controlClass} block`} />
          </label>
        </>
      ) : null}
      {granularity ? <SelectField label="Every" name="granularity" defaultValue={granularity} options={GRANULARITIES.map((g) => ({ value: g, label: g }))} /> : null}
    </>
  );
}
