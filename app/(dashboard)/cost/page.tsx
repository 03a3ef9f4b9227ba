import Link from "next/link";
import { StackedArea } from "@/components/charts/stacked-area";
import { Cell, SimpleTable } from "@/components/ui/table";
import { RangeSelect, controlClass } from "@/components/ui/range-select";
import { type CostDimension, type Granularity, costBreakdown, costSeries } from "@/lib/analytics/cost";
import { stackSeries } from "@/lib/analytics/prepare-series";
import { propertyKeys } from "@/lib/analytics/properties";
import { DEFAULT_RANGE, daysAgo, isRange, rangeStart } from "@/lib/analytics/time-range";
import { requireMember } from "@/lib/auth/session";
import { formatCount, formatPercent, formatUsd } from "@/lib/format";

export const metadata = { title: "Cost" };

type Search = Promise<{ range?: string; by?: string; granularity?: string }>;

const GRANULARITIES: Granularity[] = ["hour", "day", "week", "month"];

function dimensionOf(by: string | undefined): CostDimension {
  if (by === "provider" || by === "user") return { kind: by };
  if (by?.startsWith("property:") && by.length > "property:".length) return { kind: "property", key: by.slice("property:".length) };
  return { kind: "model" };
}


export default async function CostPage({ searchParams }: { searchParams: Search }) {
  const { workspace } = await requireMember();
  const search = await searchParams;
  const range = isRange(search.range) ? search.range : DEFAULT_RANGE;
  const granularity = GRANULARITIES.includes(search.granularity as Granularity) ? (search.granularity as Granularity) : range === "1h" || range === "24h" ? "hour" : "day";
  const dimension = dimensionOf(search.by);
  const by = dimension.kind === "property" ? `property:${dimension.key}` : dimension.kind;
  const byLabel = dimension.kind === "property" ? dimension.key : dimension.kind;
  const from = rangeStart(range);
  const to = new Date();
  const [groups, points, keys] = await Promise.all([
    costBreakdown(workspace.id, from, to, dimension),
    costSeries(workspace.id, from, to, dimension, granularity),
    propertyKeys(workspace.id, daysAgo(90)),
  ]);
  const total = groups.reduce((s, g) => s + g.spendNano, 0n);
  const series = stackSeries(points, groups);
  const requestsLink = (group: string) => {
    const params = new URLSearchParams({ range });
    if (dimension.kind === "property") params.set(`property.${dimension.key}`, group);
    else if (dimension.kind === "user") params.set("userId", group);
    else params.set(dimension.kind, group);
    return `/requests?${params.toString()}`;
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Cost</h1>
          <p className="text-sm text-zinc-500">
            {formatUsd(total)} over the last {range}
          </p>
        </div>
        <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Cost view">
          <RangeSelect defaultValue={range} />
          <label className="text-xs text-zinc-500">
            Break down by
            <select name="by" defaultValue={by} className={`${controlClass} block`}>
              <option value="model">model</option>
              <option value="provider">provider</option>
              <option value="user">user</option>
              {keys.map((k) => (
                <option key={k} value={`property:${k}`}>
                  property: {k}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs text-zinc-500">
            Every
            <select name="granularity" defaultValue={granularity} className={`${controlClass} block`}>
              {GRANULARITIES.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500">
            Show
          </button>
        </form>
      </div>
      {groups.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">No spend in this time range.</p>
      ) : (
        <>
          <StackedArea keys={series.keys} rows={series.rows} label={`Spend by ${byLabel} per ${granularity}`} />
          <SimpleTable caption={`Spend by ${byLabel}`} head={[byLabel, "Spend", "Requests", "Avg / request", "Share"]}>
            {groups.map((g) => (
              <tr key={g.group}>
                <Cell>
                  <Link href={requestsLink(g.group)} className="text-indigo-600 hover:underline">
                    {g.group}
                  </Link>
                </Cell>
                <Cell mono>{formatUsd(g.spendNano)}</Cell>
                <Cell mono>{formatCount(g.requests)}</Cell>
                <Cell mono>{formatUsd(g.requests ? g.spendNano / BigInt(g.requests) : 0n)}</Cell>
                <Cell mono>{total > 0n ? formatPercent(Number((g.spendNano * 10_000n) / total) / 10_000) : "—"}</Cell>
              </tr>
            ))}
          </SimpleTable>
        </>
      )}
    </div>
  );
}
