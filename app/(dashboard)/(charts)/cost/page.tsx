import Link from "next/link";
import { StackedArea } from "@/components/charts/stacked-area";
import { SelectField, ShowButton } from "@/components/ui/controls";
import { Cell, SimpleTable } from "@/components/ui/table";
import { TimeFields } from "@/components/ui/time-fields";
import { type CostDimension, NO_VALUE, costBreakdown, costSeries } from "@/lib/analytics/cost";
import { markPartial, stackSeries } from "@/lib/analytics/prepare-series";
import { propertyKeys } from "@/lib/analytics/properties";
import { bucketLabels, describeTimeView, partialBuckets, lastDays, parseTimeView, timeFieldsOf, timeViewParams } from "@/lib/analytics/time-range";
import { requireMember } from "@/lib/auth/session";
import { formatCount, formatPercent, formatUsd } from "@/lib/format";

export const metadata = { title: "Cost" };

type Search = Promise<Record<string, string | string[] | undefined>>;
type PropertyFilter = { key: string; value: string };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function dimensionOf(by: string | undefined): CostDimension {
  if (by === "provider" || by === "user") return { kind: by };
  if (by?.startsWith("property:") && by.length > "property:".length) return { kind: "property", key: by.slice("property:".length).toLowerCase() };
  return { kind: "model" };
}

/** `property.workflow=research-agent` narrows the page to those requests, as on Requests. */
function filtersOf(search: Record<string, string | string[] | undefined>): PropertyFilter[] {
  return Object.entries(search)
    .filter(([name, value]) => name.startsWith("property.") && name.length > "property.".length && one(value))
    .slice(0, 5)
    .map(([name, value]) => ({ key: name.slice("property.".length).toLowerCase().slice(0, 64), value: one(value)!.slice(0, 1000) }));
}

export default async function CostPage({ searchParams }: { searchParams: Search }) {
  const { workspace } = await requireMember();
  const search = await searchParams;
  const view = parseTimeView({ range: one(search.range), from: one(search.from), to: one(search.to), granularity: one(search.granularity) });
  const { from, to, granularity } = view;
  const dimension = dimensionOf(one(search.by));
  const filters = filtersOf(search);
  const scope = { workspaceId: workspace.id, properties: filters };
  const by = dimension.kind === "property" ? `property:${dimension.key}` : dimension.kind;
  const byLabel = dimension.kind === "property" ? dimension.key : dimension.kind;
  const [groups, points, keys] = await Promise.all([costBreakdown(scope, view, dimension), costSeries(scope, view, dimension, granularity), propertyKeys(workspace.id, lastDays(90))]);
  const total = groups.reduce((s, g) => s + g.spendNano, 0n);
  const series = stackSeries(points, groups, 6, bucketLabels(from, to, granularity));

  const link = (path: string, fs: PropertyFilter[], extra: Record<string, string>) =>
    `${path}?${new URLSearchParams([...Object.entries(timeViewParams(view, { granularity: path === "/cost" })), ...fs.map((f) => [`property.${f.key}`, f.value]), ...Object.entries(extra)]).toString()}`;
  const requestsLink = (group: string) => {
    if (dimension.kind === "property") return link("/requests", [...filters, { key: dimension.key, value: group }], {});
    return link("/requests", filters, dimension.kind === "user" ? { userId: group } : { [dimension.kind]: group });
  };
  // One click from a property value to its spend broken down by another key (Workflow → Step).
  const filtered = new Set([...filters.map((f) => f.key), ...(dimension.kind === "property" ? [dimension.key] : [])]);
  const drillKeys = [...keys.filter((k) => !filtered.has(k)).slice(0, 4).map((k) => ({ label: k, by: `property:${k}` })), { label: "model", by: "model" }];
  const drillDown = (group: string) =>
    dimension.kind === "property" && group !== NO_VALUE ? drillKeys.map((d) => ({ ...d, href: link("/cost", [...filters, { key: dimension.key, value: group }], { by: d.by }) })) : [];

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Cost</h1>
          <p className="text-sm text-zinc-500">
            {formatUsd(total)} over {describeTimeView(view)}
          </p>
          {filters.length ? (
            <p className="mt-1 flex flex-wrap gap-2 text-sm" aria-label="Filters">
              {filters.map((f) => (
                <span key={f.key} className="rounded-full bg-indigo-50 px-2 py-0.5 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">
                  {f.key} = {f.value}{" "}
                  <Link href={link("/cost", filters.filter((x) => x !== f), { by })} aria-label={`Remove filter ${f.key}`} className="hover:underline">
                    ×
                  </Link>
                </span>
              ))}
            </p>
          ) : null}
        </div>
        <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Cost view">
          {filters.map((f) => (
            <input key={f.key} type="hidden" name={`property.${f.key}`} value={f.value} />
          ))}
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
          <StackedArea keys={series.keys} rows={markPartial(series.rows, partialBuckets(from, to, granularity))} label={`Spend by ${byLabel} per ${granularity}`} />
          <SimpleTable caption={`Spend by ${byLabel}`} head={[byLabel, "Spend", "Requests", "Avg / request", "Share", ...(dimension.kind === "property" ? ["Break down"] : [])]}>
            {groups.map((g) => {
              const deeper = drillDown(g.group);
              return (
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
                  {dimension.kind === "property" ? (
                    <Cell>
                      {deeper.map((d, i) => (
                        <span key={d.by}>
                          {i ? " · " : ""}
                          <Link href={d.href} className="text-indigo-600 hover:underline" aria-label={`Break ${g.group} down by ${d.label}`}>
                            by {d.label}
                          </Link>
                        </span>
                      ))}
                    </Cell>
                  ) : null}
                </tr>
              );
            })}
          </SimpleTable>
        </>
      )}
    </div>
  );
}
