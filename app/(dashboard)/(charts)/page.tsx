import { LineSeries } from "@/components/charts/line-series";
import { type ShareRow, ShareBars } from "@/components/charts/share-bars";
import { StackedArea } from "@/components/charts/stacked-area";
import { StackedBars } from "@/components/charts/stacked-bars";
import { GettingStarted } from "@/components/overview/getting-started";
import { RequestsTable } from "@/components/requests/requests-table";
import { SelectField, ShowButton } from "@/components/ui/controls";
import { StatTile } from "@/components/ui/stat-tile";
import { TimeFields } from "@/components/ui/time-fields";
import { type CostGroup, costBreakdown } from "@/lib/analytics/cost";
import { latencyPercentiles } from "@/lib/analytics/latency";
import { STATUS_CLASSES, activitySeries, overviewTotals } from "@/lib/analytics/overview";
import { percentileRows, pivot } from "@/lib/analytics/prepare-series";
import { propertyKeys } from "@/lib/analytics/properties";
import { requestQuerySchema } from "@/lib/analytics/request-query";
import { listRequests } from "@/lib/analytics/requests";
import { type TimeSearch, bucketLabels, describeTimeView, parseTimeView, timeFieldsOf, timeViewParams } from "@/lib/analytics/time-range";
import { requireMember } from "@/lib/auth/session";
import { requestOrigin } from "@/lib/request-origin";
import { formatCount, formatMs, formatPercent, formatUsd } from "@/lib/format";

export const metadata = { title: "Overview" };

const STATUS_COLORS = { success: "#10b981", "rate limited": "#f59e0b", "client error": "#a855f7", "server error": "#ef4444" };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<TimeSearch & { property?: string }> }) {
  const { workspace } = await requireMember();
  const search = await searchParams;
  const view = parseTimeView(search);
  const keys = await propertyKeys(workspace.id, view);
  const property = search.property && keys.includes(search.property) ? search.property : keys[0];
  const [totals, activity, latency, models, users, values, recent] = await Promise.all([
    overviewTotals(workspace.id, view),
    activitySeries(workspace.id, view, view.granularity),
    latencyPercentiles(workspace.id, view, view.granularity),
    costBreakdown(workspace.id, view, { kind: "model" }),
    costBreakdown(workspace.id, view, { kind: "user" }),
    property ? costBreakdown(workspace.id, view, { kind: "property", key: property }) : Promise.resolve([]),
    listRequests(workspace.id, requestQuerySchema.parse({ limit: 10 })),
  ]);
  const buckets = bucketLabels(view.from, view.to, view.granularity);
  const spend = pivot(activity, (p) => p.bucket, () => "spend", (p) => Number(p.spendNano) / 1e9, { buckets, missing: 0 });
  const statuses = pivot(
    activity.flatMap((p) => STATUS_CLASSES.map((cls) => ({ bucket: p.bucket, cls, n: p.byStatus[cls] }))),
    (p) => p.bucket,
    (p) => p.cls,
    (p) => p.n,
    { buckets, missing: 0 },
  );
  const latencyRows = percentileRows(latency.series, buckets);
  const link = (filter: Record<string, string>) => `/requests?${new URLSearchParams({ ...timeViewParams(view), ...filter }).toString()}`;
  const shares = (groups: CostGroup[], filter: (group: string) => Record<string, string>): ShareRow[] =>
    groups.slice(0, 8).map((g) => ({ label: g.group, spendNano: g.spendNano, requests: g.requests, href: link(filter(g.group)) }));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Overview</h1>
          <p className="text-sm text-zinc-500">Over {describeTimeView(view)}</p>
        </div>
        <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Overview window">
          <TimeFields {...timeFieldsOf(view, true)} />
          {property ? <SelectField label="Top values of" name="property" defaultValue={property} options={keys.map((k) => ({ value: k, label: k }))} /> : null}
          <ShowButton />
        </form>
      </div>
      {recent.data.length === 0 ? <GettingStarted baseUrl={await requestOrigin()} /> : null}
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatTile label="Spend" value={formatUsd(totals.spendNano)} />
        <StatTile label="Requests" value={formatCount(totals.requests)} />
        <StatTile label="Avg cost / request" value={totals.requests ? formatUsd(totals.spendNano / BigInt(totals.requests)) : "—"} />
        <StatTile label="Error rate" value={totals.requests ? formatPercent(totals.errors / totals.requests) : "—"} hint={`${formatCount(totals.errors)} errors`} />
        <StatTile label="Avg latency" value={formatMs(totals.avgLatencyMs)} />
        <StatTile label="p95 latency" value={formatMs(latency.overall?.p95)} />
        <StatTile label="Avg time to first token" value={formatMs(totals.avgTtftMs)} hint="streamed requests" />
        <StatTile label="Cache hit rate" value={totals.requests ? formatPercent(totals.cacheHits / totals.requests) : "—"} hint={`${formatUsd(totals.savedNano)} saved`} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <StackedArea keys={spend.keys.length ? spend.keys : ["spend"]} rows={spend.rows} label={`Spend per ${view.granularity}`} />
        <StackedBars keys={[...STATUS_CLASSES]} rows={statuses.rows} label={`Requests by status per ${view.granularity}`} colors={STATUS_COLORS} />
        <LineSeries keys={["p50", "p95"]} rows={latencyRows} label={`Latency p50 and p95 per ${view.granularity} (ms)`} />
        <ShareBars title="Cost by model" total={totals.spendNano} rows={shares(models, (model) => ({ model }))} empty="No spend in this window." />
        <ShareBars title="Top users" total={totals.spendNano} rows={shares(users.filter((u) => u.group !== "(no user)"), (userId) => ({ userId }))} empty="No requests carried a user id. Send Helicone-User-Id to see who spends what." />
        <ShareBars
          title={property ? `Top values of ${property}` : "Top property values"}
          total={totals.spendNano}
          rows={property ? shares(values, (value) => ({ [`property.${property}`]: value })) : []}
          empty="No properties yet. Tag requests with Helicone-Property-<Name> headers."
        />
      </div>
      {recent.data.length > 0 ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Latest requests</h2>
          <RequestsTable rows={recent.data} propertyKeys={[]} />
        </section>
      ) : null}
    </div>
  );
}
