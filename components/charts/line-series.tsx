"use client";
// Render-only: one line per series over time buckets.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { seriesColor, tooltipStyle } from "./theme";


export function LineSeries({ keys, rows, label }: { keys: string[]; rows: Record<string, string | number | null>[]; label: string }) {
  return (
    <figure aria-label={label} className="h-64 w-full rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <figcaption className="mb-2 text-sm font-semibold">{label}</figcaption>
      <ResponsiveContainer width="100%" height="85%">
        <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="bucket" fontSize={11} />
          <YAxis fontSize={11} width={64} />
          <Tooltip {...tooltipStyle} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {keys.map((k, i) => (
            <Line key={k} type="monotone" dataKey={k} stroke={seriesColor(i)} dot={false} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
