import { LineSeries } from "@/components/charts/line-series";
import { StackedBars } from "@/components/charts/stacked-bars";
import { seriesColor } from "@/components/charts/theme";
import { RequestsTable } from "@/components/requests/requests-table";
import { SelectField, ShowButton } from "@/components/ui/controls";
import { TimeFields } from "@/components/ui/time-fields";
import { markPartial, pivot } from "@/lib/analytics/prepare-series";
import { type RateLimitGroup, providerHeadroom, rateLimitedSeries } from "@/lib/analytics/rate-limits";
import { requestQuerySchema } from "@/lib/analytics/request-query";
import { listRequests } from "@/lib/analytics/requests";
import { type TimeSearch, bucketLabels, describeTimeView, partialBuckets, parseTimeView, timeFieldsOf } from "@/lib/analytics/time-range";
import { requireMember } from "@/lib/auth/session";

export const metadata = { title: "Rate limits" };

export default async function RateLimitsPage({ searchParams }: { searchParams: Promise<TimeSearch & { by?: string }> }) {
  const { workspace } = await requireMember();
  const search = await searchParams;
  const view = parseTimeView(search);
  const by: RateLimitGroup = search.by === "model" ? "model" : "provider";
  const { granularity } = view;
  const [limited, headroom, recent] = await Promise.all([
    rateLimitedSeries(workspace.id, view, granularity, by),
    providerHeadroom(workspace.id, view, granularity, by),
    listRequests(workspace.id, requestQuerySchema.parse({ status: 429, from: view.from, to: view.to, limit: 50 })),
  ]);
  const buckets = bucketLabels(view.from, view.to, granularity);
  const partial = partialBuckets(view.from, view.to, granularity);
  const refused = pivot(limited, (p) => p.bucket, (p) => p.series, (p) => p.requests, { buckets, missing: 0 });
  // One series per provider (or model) and limit kind, on one 0–100% scale.
  const left = pivot(
    headroom.flatMap((p) => [
      { bucket: p.bucket, series: `${p.group} · requests`, percent: p.requestsLeftPercent },
      { bucket: p.bucket, series: `${p.group} · tokens`, percent: p.tokensLeftPercent },
    ]).filter((p) => p.percent !== null),
    (p) => p.bucket,
    (p) => p.series,
    (p) => p.percent,
    { buckets },
  );
  const colors = Object.fromEntries(refused.keys.map((k, i) => [k, seriesColor(i)]));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Rate limits</h1>
          <p className="text-sm text-zinc-500">Requests refused with 429, by the provider (at any attempt) or by the gateway&apos;s own limits, and the headroom providers reported.</p>
        </div>
        <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Rate-limit window">
          <TimeFields {...timeFieldsOf(view, true)} />
          <SelectField label="Per" name="by" defaultValue={by} options={[{ value: "provider", label: "provider" }, { value: "model", label: "model" }]} />
          <ShowButton />
        </form>
      </div>
      {limited.length ? (
        <StackedBars keys={refused.keys} rows={markPartial(refused.rows, partial)} label={`Rate-limited requests per ${granularity}`} colors={colors} />
      ) : (
        <p className="text-sm text-zinc-500">No rate-limited requests over {describeTimeView(view)}.</p>
      )}
      {left.keys.length ? (
        <LineSeries keys={left.keys} rows={markPartial(left.rows, partial)} label={`Lowest headroom reported, % of the limit left, per ${granularity}`} domain={[0, 100]} unit="%" />
      ) : (
        <p className="text-sm text-zinc-500">No provider reported its limits (x-ratelimit-limit-* and -remaining-*, or Anthropic&apos;s) over {describeTimeView(view)}.</p>
      )}
      <div className="space-y-2">
        <h2 className="text-lg font-semibold">Latest rate-limited requests</h2>
        {recent.data.length ? <RequestsTable rows={recent.data} propertyKeys={[]} /> : <p className="text-sm text-zinc-500">None.</p>}
      </div>
    </div>
  );
}
