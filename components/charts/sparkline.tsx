// A tiny inline trend (an SVG polyline), for one row of a table. Server-rendered.
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(...values, 0);
  const points = values.map((v, i) => `${values.length > 1 ? (i / (values.length - 1)) * 100 : 50},${max > 0 ? 20 - (v / max) * 18 : 19}`).join(" ");
  return (
    <svg viewBox="0 0 100 20" preserveAspectRatio="none" className="h-5 w-28 text-indigo-500" role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
