import Link from "next/link";
import { Suspense } from "react";
import { LineSeries } from "@/components/charts/line-series";
import { StackedArea } from "@/components/charts/stacked-area";
import { RequestsTable } from "@/components/requests/requests-table";
import { ShowButton } from "@/components/ui/controls";
import { Cell, SimpleTable } from "@/components/ui/table";
import { TimeFields } from "@/components/ui/time-fields";
import { costBreakdown, costSeries } from "@/lib/analytics/cost";
import { latencyPercentiles } from "@/lib/analytics/latency";
import { markPartial, percentileRows, stackSeries } from "@/lib/analytics/prepare-series";
import { requestQuerySchema } from "@/lib/analytics/request-query";
import { listRequests } from "@/lib/analytics/requests";
import { type TimeSearch, bucketLabels, describeTimeView, partialBuckets, parseTimeView, timeFieldsOf, timeViewParams } from "@/lib/analytics/time-range";
import { requestStats } from "@/lib/analytics/request-stats";
import { formatCount, formatPercent } from "@/lib/format";
import { userSummaries } from "@/lib/analytics/users";
import { StatsStripPlaceholder, StatsStripWhenReady } from "@/components/requests/stats-strip";
import { requireMember } from "@/lib/auth/session";

export const metadata = { title: "User" };

export default async function UserPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<TimeSearch> }) {
  const { workspace } = await requireMember();
  const userId = decodeURIComponent((await params).id);
  const view = parseTimeView(await searchParams);
  const scope = { workspaceId: workspace.id, userId };
  const stats = requestStats(workspace.id, requestQuerySchema.parse({ userId, from: view.from, to: view.to }));
  void stats.catch(() => undefined); // streamed in below; never an unhandled rejection meanwhile
  const [one, models, points, latency, recent] = await Promise.all([
    userSummaries(workspace.id, view, { userId }),
    costBreakdown(scope, view, { kind: "model" }),
    costSeries(scope, view, { kind: "model" }, view.granularity),
    latencyPercentiles(scope, view, view.granularity),
    listRequests(workspace.id, requestQuerySchema.parse({ userId, from: view.from, to: view.to, limit: 50 })),
  ]);
  const summary = one.users[0];
  const buckets = bucketLabels(view.from, view.to, view.granularity);
  const spend = stackSeries(points, models, 6, buckets);
  const latencyRows = percentileRows(latency.series, buckets);
  const partial = partialBuckets(view.from, view.to, view.granularity);
  const viewParams = timeViewParams(view);
  const seen = (at: Date) => at.toISOString().slice(0, 16).replace("T", " ");
  const header = (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <Link href={`/users?${new URLSearchParams(viewParams).toString()}`} className="text-sm text-indigo-600 hover:underline">
          ← Users
        </Link>
        <h1 className="text-2xl font-semibold">{userId}</h1>
        <p className="text-sm text-zinc-500">
          Over {describeTimeView(view)} · {summary ? `first seen ${seen(summary.firstSeen)} · last seen ${seen(summary.lastSeen)}` : "no requests in this window: pick a longer one"}
        </p>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-2" aria-label="User window">
        <TimeFields {...timeFieldsOf(view, true)} />
        <ShowButton />
      </form>
    </div>
  );
  if (!summary) return <div className="space-y-6">{header}</div>;

  return (
    <div className="space-y-6">
      {header}
      <Suspense fallback={<StatsStripPlaceholder />}>
        <StatsStripWhenReady stats={stats} label="Totals for this user" />
      </Suspense>
      <div className="grid gap-4 lg:grid-cols-2">
        <StackedArea keys={spend.keys} rows={markPartial(spend.rows, partial)} label={`Spend by model per ${view.granularity}`} />
        <LineSeries keys={["p50", "p95"]} rows={markPartial(latencyRows, partial)} label={`Latency p50 and p95 per ${view.granularity} (ms)`} />
      </div>
      <SimpleTable caption="Models used" head={["Model", "Requests", "Share"]}>
        {summary.models.map((m) => (
          <tr key={m.model}>
            <Cell>{m.model}</Cell>
            <Cell mono>{formatCount(m.requests)}</Cell>
            <Cell mono>{formatPercent(m.requests / summary.requests)}</Cell>
          </tr>
        ))}
      </SimpleTable>
      <div className="space-y-2">
        <div className="flex items-baseline justify-between">
          <h2 className="text-lg font-semibold">Latest requests</h2>
          <Link href={`/requests?${new URLSearchParams({ ...viewParams, userId }).toString()}`} className="text-sm text-indigo-600 hover:underline">
            All of this user&apos;s requests →
          </Link>
        </div>
        <RequestsTable rows={recent.data} propertyKeys={[]} />
      </div>
    </div>
  );
}
