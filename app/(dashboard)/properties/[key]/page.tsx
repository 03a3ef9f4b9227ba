import Link from "next/link";
import { Suspense } from "react";
import { Sparkline } from "@/components/charts/sparkline";
import { StackedArea } from "@/components/charts/stacked-area";
import { ShowButton } from "@/components/ui/controls";
import { Cell, SimpleTable } from "@/components/ui/table";
import { TimeFields } from "@/components/ui/time-fields";
import { costSeries } from "@/lib/analytics/cost";
import { markPartial, stackSeries } from "@/lib/analytics/prepare-series";
import { propertyValueSummaries } from "@/lib/analytics/properties";
import { type TimeSearch, bucketLabels, describeTimeView, partialBuckets, parseTimeView, timeFieldsOf, timeViewParams } from "@/lib/analytics/time-range";
import { requireMember } from "@/lib/auth/session";
import { formatCount, formatMs, formatUsd } from "@/lib/format";
import { StatsStripPlaceholder, StatsStripWhenReady } from "@/components/requests/stats-strip";
import { requestQuerySchema } from "@/lib/analytics/request-query";
import { requestStats } from "@/lib/analytics/request-stats";

export const metadata = { title: "Property" };

export default async function PropertyPage({ params, searchParams }: { params: Promise<{ key: string }>; searchParams: Promise<TimeSearch> }) {
  const { workspace } = await requireMember();
  const key = decodeURIComponent((await params).key).toLowerCase();
  const view = parseTimeView(await searchParams);
  // Requests that carry the key, whatever its value; streamed in below.
  const stats = requestStats(workspace.id, requestQuerySchema.parse({ from: view.from, to: view.to, properties: [{ key, op: "contains", value: "" }] }));
  void stats.catch(() => undefined);
  const [values, points] = await Promise.all([propertyValueSummaries(workspace.id, key, view), costSeries(workspace.id, view, { kind: "property", key }, view.granularity)]);
  const buckets = bucketLabels(view.from, view.to, view.granularity);
  const chart = stackSeries(
    points.filter((p) => p.group !== "(none)"),
    values.map((v) => ({ group: v.value, spendNano: v.spendNano, requests: v.requests })),
    6,
    buckets,
  );
  const trend = (value: string) => {
    const byBucket = new Map(points.filter((p) => p.group === value).map((p) => [p.bucket, Number(p.spendNano)]));
    return buckets.map((b) => byBucket.get(b) ?? 0);
  };
  const viewParams = timeViewParams(view);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Link href={`/properties?${new URLSearchParams(viewParams).toString()}`} className="text-sm text-indigo-600 hover:underline">
            ← Properties
          </Link>
          <h1 className="text-2xl font-semibold">{key}</h1>
          <p className="text-sm text-zinc-500">
            Over {describeTimeView(view)} ·{" "}
            <Link href={`/cost?${new URLSearchParams({ ...viewParams, by: `property:${key}` }).toString()}`} className="text-indigo-600 hover:underline">
              on the cost page
            </Link>
          </p>
        </div>
        <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Property window">
          <TimeFields {...timeFieldsOf(view, true)} />
          <ShowButton />
        </form>
      </div>
      {values.length === 0 ? <p className="text-sm text-zinc-500">No request used {key} in this window: pick a longer one.</p> : (
        <Suspense fallback={<StatsStripPlaceholder />}>
          <StatsStripWhenReady stats={stats} label={`Totals for requests with ${key}`} />
        </Suspense>
      )}
      <StackedArea keys={chart.keys} rows={markPartial(chart.rows, partialBuckets(view.from, view.to, view.granularity))} label={`Spend by ${key} per ${view.granularity}`} />
      <SimpleTable caption={`Values of ${key}`} head={["Value", "Requests", "Spend", "Avg latency", "Avg tokens", "Spend trend"]}>
        {values.map((v) => (
          <tr key={v.value}>
            <Cell>
              <Link href={`/requests?${new URLSearchParams({ ...viewParams, [`property.${key}`]: v.value }).toString()}`} className="text-indigo-600 hover:underline">
                {v.value}
              </Link>
            </Cell>
            <Cell mono>{formatCount(v.requests)}</Cell>
            <Cell mono>{formatUsd(v.spendNano)}</Cell>
            <Cell mono>{formatMs(v.avgLatencyMs)}</Cell>
            <Cell mono>{formatCount(Math.round(v.avgTokens))}</Cell>
            <Cell>
              <Sparkline values={trend(v.value)} label={`Spend of ${v.value} per ${view.granularity}`} />
            </Cell>
          </tr>
        ))}
      </SimpleTable>
    </div>
  );
}
