import { headers } from "next/headers";
import { CostByModel } from "@/components/overview/cost-by-model";
import { GettingStarted } from "@/components/overview/getting-started";
import { RecentRequests } from "@/components/overview/recent-requests";
import { StatTile } from "@/components/ui/stat-tile";
import { costByModel, overviewTotals, recentRequests } from "@/lib/analytics/overview";
import { daysAgo } from "@/lib/analytics/time-range";
import { requireMember } from "@/lib/auth/session";
import { formatCount, formatMs, formatPercent, formatUsd } from "@/lib/format";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const { workspace } = await requireMember();
  const since = daysAgo(7);
  const [totals, models, recent] = await Promise.all([
    overviewTotals(workspace.id, since),
    costByModel(workspace.id, since),
    recentRequests(workspace.id),
  ]);
  const host = (await headers()).get("host") ?? "localhost:3000";

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      {recent.length === 0 ? <GettingStarted baseUrl={`http://${host}`} /> : null}
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
      {recent.length > 0 ? <RecentRequests rows={recent} /> : null}
    </div>
  );
}
