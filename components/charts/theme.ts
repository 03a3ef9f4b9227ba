// What every chart shares: the series colours (the last, grey, is "other") and a tooltip that
// follows the colour scheme through CSS variables (app/globals.css).
export const SERIES_COLORS = ["#6366f1", "#10b981", "#f59e0b", "#ef4444", "#06b6d4", "#a855f7", "#94a3b8"];

export const seriesColor = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length]!;

export const tooltipStyle = {
  contentStyle: { background: "var(--chart-tooltip-bg)", borderColor: "var(--chart-tooltip-border)", color: "var(--chart-tooltip-text)", fontSize: 12 },
  labelStyle: { color: "var(--chart-tooltip-text)" },
};
