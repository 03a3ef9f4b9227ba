import Link from "next/link";
import { StackedArea } from "@/components/charts/stacked-area";
import { Cell, SimpleTable } from "@/components/ui/table";
import { SelectField, ShowButton } from "@/components/ui/controls";
import { TimeFields } from "@/components/ui/time-fields";
import { type CostDimension, costBreakdown, costSeries } from "@/lib/analytics/cost";
import { stackSeries } from "@/lib/analytics/prepare-series";
import { propertyKeys } from "@/lib/analytics/properties";
import { type TimeSearch, bucketLabels, describeTimeView, lastDays, parseTimeView, timeFieldsOf, timeViewParams } from "@/lib/analytics/time-range";
import { requireMember } from "@/lib/auth/session";
import { formatCount, formatPercent, formatUsd } from "@/lib/format";

export const metadata = { title: "Cost" };

type Search = Promise<TimeSearch & { by?: string }>;

function dimensionOf(by: string | undefined): CostDimension {
  if (by === "provider" || by === "user") return { kind: by };
  if (by?.startsWith("property:") && by.length > "property:".length) return { kind: "property", key: by.slice("property:".length) };
  return { kind: "model" };
}


export default async function CostPage({ searchParams }: { searchParams: Search }) {
  const { workspace } = await requireMember();
  const search = await searchParams;
  const view = parseTimeView(search);
  const { from, to, granularity } = view;
  const dimension = dimensionOf(search.by);
  const by = dimension.kind === "property" ? `property:${dimension.key}` : dimension.kind;
  const byLabel = dimension.kind === "property" ? dimension.key : dimension.kind;
  const [groups, points, keys] = await Promise.all([
    costBreakdown(workspace.id, view, dimension),
    costSeries(workspace.id, view, dimension, granularity),
    propertyKeys(workspace.id, lastDays(90)),
  ]);
  const total = groups.reduce((s, g) => s + g.spendNano, 0n);
  const series = stackSeries(points, groups, 6, bucketLabels(from, to, granularity));
  const requestsLink = (group: string) => {
    const params = new URLSearchParams(timeViewParams(view));
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
            {formatUsd(total)} over {describeTimeView(view)}
          </p>
        </div>
        <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Cost view">
          <TimeFields {...timeFieldsOf(view, true)} />
          <SelectField
            label="Break down by"
            name="by"
            defaultValue={by}
            options={[{ value: "model", label: "model" }, { value: "provider", label: "provider" }, { value: "user", label: "user" }, ...keys.map((k) => ({ value: `property:${k}`, label: `property: ${k}` }))]}
          />
          <ShowButton />
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
