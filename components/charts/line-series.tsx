"use client";
// Render-only: one line per series over time buckets.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { PartialNote, partialMarks, seriesColor, tooltipStyle } from "./theme";

/** `domain` fixes the value axis (a percentage: [0, 100]); `unit` follows each value. */
export function LineSeries({ keys, rows, label, domain, unit = "" }: { keys: string[]; rows: Record<string, string | number | null>[]; label: string; domain?: [number, number]; unit?: string }) {
  const marks = partialMarks(rows);
  return (
    <figure aria-label={label} className="h-64 w-full rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <figcaption className="mb-2 text-sm font-semibold">{label}</figcaption>
      <ResponsiveContainer width="100%" height="85%">
        <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="bucket" fontSize={11} tickFormatter={marks.tickFormatter} />
          <YAxis fontSize={11} width={64} domain={domain} unit={unit} />
          <Tooltip {...tooltipStyle} labelFormatter={marks.labelFormatter} formatter={(v) => `${String(v)}${unit}`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {keys.map((k, i) => (
            <Line key={k} type="linear" dataKey={k} stroke={seriesColor(i)} dot={false} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <PartialNote note={marks.note} />
    </figure>
  );
}
