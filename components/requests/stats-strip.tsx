// Totals for exactly the current filter, above every filtered view (request-stats.ts computes
// them, and GET /api/v1/requests/stats returns the same figures).
import type { RequestStats } from "@/lib/analytics/request-stats";
import { formatCount, formatMs, formatPercent, formatUsd } from "@/lib/format";

const rate = (ratio: number | null) => (ratio === null ? "—" : formatPercent(ratio));

export function StatsStrip({ stats, label = "Totals for these filters" }: { stats: RequestStats; label?: string }) {
  const items: [string, string, string?][] = [
    ["Requests", formatCount(stats.requests)],
    ["Spend", formatUsd(stats.spendNano), stats.unpricedRequests ? `+ ${formatCount(stats.unpricedRequests)} unpriced` : undefined],
    ["Tokens in / out", `${formatCount(stats.promptTokens)} / ${formatCount(stats.completionTokens)}`],
    [
      "Latency avg / p95",
      `${formatMs(stats.avgLatencyMs)} / ${stats.p95Error && stats.p95LatencyMs !== null ? "≈ " : ""}${formatMs(stats.p95LatencyMs)}`,
      stats.p95Error ? `p95 within ±${stats.p95Error * 100}%, from hourly histograms` : undefined,
    ],
    ["Error rate", rate(stats.errorRate), stats.errors ? `${formatCount(stats.errors)} failed` : undefined],
    ["Cache hits", rate(stats.cacheHitRate), stats.cacheLookups ? `${formatUsd(stats.savedNano)} saved` : "no cached requests"],
  ];
  return (
    <section aria-label={label} className="rounded-lg border border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 lg:grid-cols-6">
        {items.map(([name, value, hint]) => (
          <div key={name}>
            <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">{name}</dt>
            <dd className="mt-0.5 text-lg font-semibold tabular-nums">{value}</dd>
            {hint ? <dd className="text-xs text-zinc-500">{hint}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The strip once its totals are computed: the page around it renders without waiting for them. */
export async function StatsStripWhenReady({ stats, label }: { stats: Promise<RequestStats>; label?: string }) {
  const totals = await stats;
  return totals.requests > 0 ? <StatsStrip stats={totals} label={label} /> : null;
}

export function StatsStripPlaceholder() {
  return <div aria-hidden="true" className="h-[5.5rem] animate-pulse rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" />;
}
