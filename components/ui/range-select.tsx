// The dashboard's time-range picker, as a plain form control (it works in GET forms without JS).
import { RANGES } from "@/lib/analytics/time-range";

export const controlClass = "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function RangeSelect({ defaultValue }: { defaultValue: string }) {
  return (
    <label className="text-xs text-zinc-500">
      Time
      <select name="range" defaultValue={defaultValue} className={`${controlClass} block`}>
        {Object.keys(RANGES).map((r) => (
          <option key={r} value={r}>
            Last {r}
          </option>
        ))}
      </select>
    </label>
  );
}
