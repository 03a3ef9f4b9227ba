import { headers } from "next/headers";
import { CostByModel } from "@/components/overview/cost-by-model";
import { GettingStarted } from "@/components/overview/getting-started";
import { RequestsTable } from "@/components/requests/requests-table";
import { StatTile } from "@/components/ui/stat-tile";
import { costBreakdown } from "@/lib/analytics/cost";
import { overviewTotals } from "@/lib/analytics/overview";
import { listRequests, requestQuerySchema } from "@/lib/analytics/requests";
import { daysAgo } from "@/lib/analytics/time-range";
import { requireMember } from "@/lib/auth/session";
import { formatCount, formatMs, formatPercent, formatUsd } from "@/lib/format";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const { workspace } = await requireMember();
  const since = daysAgo(7);
  const [totals, models, recent] = await Promise.all([
    overviewTotals(workspace.id, since),
    costBreakdown(workspace.id, since, new Date(), { kind: "model" }),
    listRequests(workspace.id, requestQuerySchema.parse({ limit: 20 })),
  ]);
  const host = (await headers()).get("host") ?? "localhost:3000";

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      {recent.data.length === 0 ? <GettingStarted baseUrl={`http://${host}`} /> : null}
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <StatTile label="Spend (7 d)" value={formatUsd(totals.spendNano)} />
        <StatTile label="Requests (7 d)" value={formatCount(totals.requests)} />
        <StatTile
          label="Avg cost / request"
          value={totals.requests ? formatUsd(totals.spendNano / BigInt(totals.requests)) : "—"}
        />
        <StatTile label="Error rate" value={totals.requests ? formatPercent(totals.errors / totals.requests) : "—"} hint={`${formatCount(totals.errors)} errors`} />
        <StatTile label="Avg latency" value={formatMs(totals.avgLatencyMs)} />
      </div>
      {models.length > 0 ? <CostByModel rows={models} /> : null}
      {recent.data.length > 0 ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Latest requests</h2>
          <RequestsTable rows={recent.data} propertyKeys={[]} />
        </section>
      ) : null}
    </div>
  );
}
