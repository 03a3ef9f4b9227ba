import Link from "next/link";
import { LineSeries } from "@/components/charts/line-series";
import { type ShareRow, ShareBars } from "@/components/charts/share-bars";
import { StackedArea } from "@/components/charts/stacked-area";
import { StackedBars } from "@/components/charts/stacked-bars";
import { GettingStarted } from "@/components/overview/getting-started";
import { FilterBar } from "@/components/requests/filter-bar";
import { RequestsTable } from "@/components/requests/requests-table";
import { StatTile } from "@/components/ui/stat-tile";
import { type CostGroup, costBreakdown } from "@/lib/analytics/cost";
import { latencyPercentiles } from "@/lib/analytics/latency";
import { STATUS_CLASSES, activitySeries, overviewTotals } from "@/lib/analytics/overview";
import { markPartial, percentileRows, pivot } from "@/lib/analytics/prepare-series";
import { propertyKeys } from "@/lib/analytics/properties";
import { type RequestQuery, parseRequestQuery, requestQuerySchema, toSearchParams } from "@/lib/analytics/request-query";
import { type SearchRecord, searchParamsOf } from "@/lib/analytics/request-view";
import { hasAnyRequest, listRequests } from "@/lib/analytics/requests";
import type { Scope } from "@/lib/analytics/sql";
import { bucketLabels, describeTimeView, partialBuckets, parseTimeView, timeFieldsOf, timeViewParams } from "@/lib/analytics/time-range";
import { canCreateKeys } from "@/lib/auth/roles";
import { requireMember } from "@/lib/auth/session";
import { formatCount, formatMs, formatPercent, formatUsd } from "@/lib/format";
import { requestOrigin } from "@/lib/request-origin";

export const metadata = { title: "Overview" };

const STATUS_COLORS = { success: "#10b981", "rate limited": "#f59e0b", "client error": "#a855f7", "server error": "#ef4444" };

/** The filters the Overview applies (the summary filter bar's): user, model, provider, status, key, property values. */
function scopeOfFilters(workspaceId: string, q: RequestQuery): Scope {
  return {
    workspaceId,
    userId: q.userId,
    model: q.model,
    provider: q.provider,
    status: q.status,
    apiKeyId: q.apiKeyId,
    properties: q.properties.filter((p) => p.op === "eq").map(({ key, value }) => ({ key, value })),
  };
}

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchRecord> }) {
  const { workspace, role } = await requireMember();
  const search = await searchParams;
  const view = parseTimeView(search);
  const params = searchParamsOf(search);
  const parsed = parseRequestQuery(params);
  // Only what the charts can apply too, so every figure on the page counts the same requests.
  const all = requestQuerySchema.parse({});
  const given = parsed.success ? parsed.data : all;
  const filters: RequestQuery = { ...all, userId: given.userId, model: given.model, provider: given.provider, status: given.status, apiKeyId: given.apiKeyId, properties: given.properties.filter((p) => p.op === "eq") };
  const scope = scopeOfFilters(workspace.id, filters);
  const keys = await propertyKeys(workspace.id, view);
  const chosen = params.get("property");
  const property = chosen && keys.includes(chosen) ? chosen : keys[0];
  const query = { ...filters, from: view.from, to: view.to, limit: 10 };
  // Totals come from the rollups where they can (as the charts do), so they still count requests
  // whose rows retention has removed.
  const [totals, activity, latency, models, users, values, recent] = await Promise.all([
    overviewTotals(scope, view),
    activitySeries(scope, view, view.granularity),
    latencyPercentiles(scope, view, view.granularity),
    costBreakdown(scope, view, { kind: "model" }),
    costBreakdown(scope, view, { kind: "user" }),
    property ? costBreakdown(scope, view, { kind: "property", key: property }) : Promise.resolve([]),
    listRequests(workspace.id, query),
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
  const partial = partialBuckets(view.from, view.to, view.granularity);
  const latencyRows = markPartial(percentileRows(latency.series, buckets), partial);
  const filterParams = [...toSearchParams({ ...filters, cursor: undefined })];
  const link = (filter: Record<string, string>) => `/requests?${new URLSearchParams([...filterParams, ...Object.entries({ ...timeViewParams(view), ...filter })]).toString()}`;
  const shares = (groups: CostGroup[], filter: (group: string) => Record<string, string>): ShareRow[] =>
    groups.slice(0, 8).map((g) => ({ label: g.group, spendNano: g.spendNano, requests: g.requests, href: link(filter(g.group)) }));
  const valuesOf = (key: string) => `/?${new URLSearchParams([...filterParams, ...Object.entries({ ...timeViewParams(view, { granularity: true }), property: key })]).toString()}`;
  const filtered = filterParams.length > 0;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Overview</h1>
        <p className="text-sm text-zinc-500">
          Over {describeTimeView(view)}
          {filtered ? ", for the requests these filters select" : ""}
        </p>
      </div>
      <FilterBar key={toSearchParams(filters).toString()} propertyKeys={keys} properties={filters.properties} time={timeFieldsOf(view, true)} summary />
      {!parsed.success ? (
        <p role="alert" className="text-sm text-red-600">
          These filters are not valid and were left out: {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}.
        </p>
      ) : null}
      {totals.requests === 0 && !(await hasAnyRequest(workspace.id)) ? <GettingStarted baseUrl={await requestOrigin()} canCreateKeys={canCreateKeys(role)} /> : null}
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4" role="region" aria-label={filtered ? "Totals for these filters" : "Totals"}>
        <StatTile label="Spend" value={formatUsd(totals.spendNano)} />
        <StatTile label="Requests" value={formatCount(totals.requests)} />
        <StatTile label="Avg cost / request" value={totals.requests ? formatUsd(totals.spendNano / BigInt(totals.requests)) : "—"} />
        <StatTile label="Error rate" value={totals.requests ? formatPercent(totals.errors / totals.requests) : "—"} hint={`${formatCount(totals.errors)} errors`} />
        <StatTile label="Avg latency" value={formatMs(totals.avgLatencyMs)} />
        <StatTile label="p95 latency" value={`${latency.error && latency.overall ? "≈ " : ""}${formatMs(latency.overall?.p95)}`} hint={latency.error ? `within ±${latency.error * 100}%, from hourly histograms` : undefined} />
        <StatTile label="Avg time to first token" value={formatMs(totals.avgTtftMs)} hint="streamed requests" />
        <StatTile label="Cache hit rate" value={totals.requests ? formatPercent(totals.cacheHits / totals.requests) : "—"} hint={`${formatUsd(totals.savedNano)} saved`} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <StackedArea keys={spend.keys.length ? spend.keys : ["spend"]} rows={markPartial(spend.rows, partial)} label={`Spend per ${view.granularity}`} />
        <StackedBars keys={[...STATUS_CLASSES]} rows={markPartial(statuses.rows, partial)} label={`Requests by status per ${view.granularity}`} colors={STATUS_COLORS} />
        <LineSeries keys={["p50", "p95"]} rows={latencyRows} label={`Latency p50 and p95 per ${view.granularity} (ms${latency.error ? `, within ±${latency.error * 100}%` : ""})`} />
        <ShareBars title="Cost by model" total={totals.spendNano} rows={shares(models, (model) => ({ model }))} empty="No spend in this window." />
        <ShareBars title="Top users" total={totals.spendNano} rows={shares(users.filter((u) => u.group !== "(no user)"), (userId) => ({ userId }))} empty="No requests carried a user id. Send Helicone-User-Id to see who spends what." />
        <div className="space-y-2">
          <ShareBars
            title={property ? `Top values of ${property}` : "Top property values"}
            total={totals.spendNano}
            rows={property ? shares(values, (value) => ({ [`property.${property}`]: value })) : []}
            empty="No properties yet. Tag requests with Helicone-Property-<Name> headers."
          />
          {keys.length > 1 ? (
            <p className="flex flex-wrap gap-2 text-xs text-zinc-500" aria-label="Top values of">
              Top values of:
              {keys.map((k) =>
                k === property ? (
                  <span key={k} aria-current="true" className="font-semibold text-zinc-900 dark:text-zinc-100">
                    {k}
                  </span>
                ) : (
                  <Link key={k} href={valuesOf(k)} className="text-indigo-600 underline dark:text-indigo-400">
                    {k}
                  </Link>
                ),
              )}
            </p>
          ) : null}
        </div>
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
