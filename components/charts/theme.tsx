// What every chart shares: the series colours (the last, grey, is "other") and a tooltip that
// follows the colour scheme through CSS variables (app/globals.css).
export const SERIES_COLORS = ["#6366f1", "#10b981", "#f59e0b", "#ef4444", "#06b6d4", "#a855f7", "#94a3b8"];

export const seriesColor = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length]!;

export const tooltipStyle = {
  contentStyle: { background: "var(--chart-tooltip-bg)", borderColor: "var(--chart-tooltip-border)", color: "var(--chart-tooltip-text)", fontSize: 12 },
  labelStyle: { color: "var(--chart-tooltip-text)" },
};

type ChartRow = Record<string, string | number | null>;

/**
 * How a time chart marks the buckets its window covers in part (rows flagged by markPartial):
 * an asterisk on the axis, "partial" in the tooltip, and a note under the chart.
 */
export function partialMarks(rows: ChartRow[]) {
  const partial = new Set(rows.filter((r) => r.partial).map((r) => String(r.bucket)));
  return {
    tickFormatter: (value: string) => (partial.has(String(value)) ? `${value}*` : String(value)),
    labelFormatter: (value: unknown) => (partial.has(String(value)) ? `${String(value)} (partial: the window covers only part of it)` : String(value)),
    note: partial.size ? "* The window starts or ends inside this bucket: its total covers only part of it." : null,
  };
}

export function PartialNote({ note }: { note: string | null }) {
  return note ? <p className="mt-1 text-[11px] text-zinc-500">{note}</p> : null;
}
