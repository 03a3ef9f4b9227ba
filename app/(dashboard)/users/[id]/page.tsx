import Link from "next/link";
import { notFound } from "next/navigation";
import { RequestsTable } from "@/components/requests/requests-table";
import { StatTile } from "@/components/ui/stat-tile";
import { Cell, SimpleTable } from "@/components/ui/table";
import { listRequests, requestQuerySchema } from "@/lib/analytics/requests";
import { DEFAULT_RANGE, isRange, rangeStart } from "@/lib/analytics/time-range";
import { userSummaries } from "@/lib/analytics/users";
import { requireMember } from "@/lib/auth/session";
import { formatCount, formatMs, formatPercent, formatUsd } from "@/lib/format";

export const metadata = { title: "User" };

export default async function UserPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ range?: string }> }) {
  const { workspace } = await requireMember();
  const userId = decodeURIComponent((await params).id);
  const { range: rawRange } = await searchParams;
  const range = isRange(rawRange) ? rawRange : DEFAULT_RANGE;
  const from = rangeStart(range);
  const [[summary], recent] = await Promise.all([
    userSummaries(workspace.id, from, { userId }),
    listRequests(workspace.id, requestQuerySchema.parse({ userId, from, limit: 50 })),
  ]);
  if (!summary) notFound();

  return (
    <div className="space-y-6">
      <div>
        <Link href={`/users?range=${range}`} className="text-sm text-indigo-600 hover:underline">
          ← Users
        </Link>
        <h1 className="text-2xl font-semibold">{userId}</h1>
        <p className="text-sm text-zinc-500">Last {range}</p>
      </div>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatTile label="Spend" value={formatUsd(summary.spendNano)} />
        <StatTile label="Requests" value={formatCount(summary.requests)} />
        <StatTile label="Avg latency" value={formatMs(summary.avgLatencyMs)} />
        <StatTile label="Error rate" value={formatPercent(summary.errorRate)} />
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
          <Link href={`/requests?${new URLSearchParams({ userId, range }).toString()}`} className="text-sm text-indigo-600 hover:underline">
            All of this user&apos;s requests →
          </Link>
        </div>
        <RequestsTable rows={recent.data} propertyKeys={[]} />
      </div>
    </div>
  );
}
