import { LineSeries } from "@/components/charts/line-series";
import { RequestsTable } from "@/components/requests/requests-table";
import { RangeSelect } from "@/components/ui/range-select";
import { pivot } from "@/lib/analytics/prepare-series";
import { providerHeadroom, rateLimitedSeries } from "@/lib/analytics/rate-limits";
import { listRequests, requestQuerySchema } from "@/lib/analytics/requests";
import { DEFAULT_RANGE, isRange, rangeStart } from "@/lib/analytics/time-range";
import { requireMember } from "@/lib/auth/session";

export const metadata = { title: "Rate limits" };

export default async function RateLimitsPage({ searchParams }: { searchParams: Promise<{ range?: string }> }) {
  const { workspace } = await requireMember();
  const { range: raw } = await searchParams;
  const range = isRange(raw) ? raw : DEFAULT_RANGE;
  const from = rangeStart(range);
  const to = new Date();
  const granularity = range === "1h" || range === "24h" ? "hour" : "day";
  const [limited, headroom, recent] = await Promise.all([
    rateLimitedSeries(workspace.id, from, to, granularity),
    providerHeadroom(workspace.id, from, to, granularity),
    listRequests(workspace.id, requestQuerySchema.parse({ status: 429, from, limit: 50 })),
  ]);
  const refused = pivot(limited, (p) => p.bucket, (p) => p.series, (p) => p.requests);
  const requestsLeft = pivot(headroom, (p) => p.bucket, (p) => p.provider, (p) => p.remainingRequests);
  const tokensLeft = pivot(headroom, (p) => p.bucket, (p) => p.provider, (p) => p.remainingTokens);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Rate limits</h1>
          <p className="text-sm text-zinc-500">Requests refused with 429, by the provider (at any attempt) or by the gateway&apos;s own limits, and the headroom providers reported.</p>
        </div>
        <form method="get">
          <RangeSelect defaultValue={range} />
          <button type="submit" className="ml-2 rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500">
            Show
          </button>
        </form>
      </div>
      {refused.rows.length ? <LineSeries keys={refused.keys} rows={refused.rows} label={`Rate-limited requests per ${granularity}`} /> : <p className="text-sm text-zinc-500">No rate-limited requests in the last {range}.</p>}
      {requestsLeft.rows.length ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <LineSeries keys={requestsLeft.keys} rows={requestsLeft.rows} label="Lowest remaining requests reported" />
          <LineSeries keys={tokensLeft.keys} rows={tokensLeft.rows} label="Lowest remaining tokens reported" />
        </div>
      ) : null}
      <div className="space-y-2">
        <h2 className="text-lg font-semibold">Latest rate-limited requests</h2>
        {recent.data.length ? <RequestsTable rows={recent.data} propertyKeys={[]} /> : <p className="text-sm text-zinc-500">None.</p>}
      </div>
    </div>
  );
}
