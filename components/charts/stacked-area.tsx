"use client";
// Render-only: a stacked area of dollars per bucket (data from lib/analytics/prepare-series.ts).
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { PartialNote, partialMarks, seriesColor, tooltipStyle } from "./theme";

const dollars = (v: number) => (v >= 1 ? `$${v.toFixed(2)}` : `$${v.toPrecision(2)}`);

export function StackedArea({ keys, rows, label }: { keys: string[]; rows: Record<string, string | number | null>[]; label: string }) {
  const marks = partialMarks(rows);
  return (
    <figure aria-label={label} className="h-72 w-full rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <figcaption className="mb-2 text-sm font-semibold">{label}</figcaption>
      <ResponsiveContainer width="100%" height="88%">
        <AreaChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="bucket" fontSize={11} tickFormatter={marks.tickFormatter} />
          <YAxis tickFormatter={dollars} fontSize={11} width={64} />
          <Tooltip {...tooltipStyle} formatter={(v) => dollars(Number(v))} labelFormatter={marks.labelFormatter} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {keys.map((k, i) => (
            <Area key={k} type="linear" dataKey={k} stackId="spend" stroke={seriesColor(i)} fill={seriesColor(i)} fillOpacity={0.35} isAnimationActive={false} />
          ))}
        </AreaChart>
      </ResponsiveContainer>
      <PartialNote note={marks.note} />
    </figure>
  );
}
