"use client";
// Render-only: counts per bucket as stacked bars (requests by outcome over time).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { PartialNote, partialMarks, tooltipStyle } from "./theme";

export function StackedBars({ keys, rows, label, colors }: { keys: string[]; rows: Record<string, string | number | null>[]; label: string; colors: Record<string, string> }) {
  const marks = partialMarks(rows);
  return (
    <figure aria-label={label} className="h-64 w-full rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <figcaption className="mb-2 text-sm font-semibold">{label}</figcaption>
      <ResponsiveContainer width="100%" height="85%">
        <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="bucket" fontSize={11} tickFormatter={marks.tickFormatter} />
          <YAxis fontSize={11} width={48} allowDecimals={false} />
          <Tooltip {...tooltipStyle} labelFormatter={marks.labelFormatter} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {keys.map((k) => (
            <Bar key={k} dataKey={k} stackId="n" fill={colors[k] ?? "#94a3b8"} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <PartialNote note={marks.note} />
    </figure>
  );
}
