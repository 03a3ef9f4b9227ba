import Link from "next/link";
import { notFound } from "next/navigation";
import { Cell, SimpleTable } from "@/components/ui/table";
import { propertyValueSummaries } from "@/lib/analytics/properties";
import { DEFAULT_RANGE, isRange, rangeStart } from "@/lib/analytics/time-range";
import { requireMember } from "@/lib/auth/session";
import { formatCount, formatMs, formatUsd } from "@/lib/format";

export const metadata = { title: "Property" };

export default async function PropertyPage({ params, searchParams }: { params: Promise<{ key: string }>; searchParams: Promise<{ range?: string }> }) {
  const { workspace } = await requireMember();
  const key = decodeURIComponent((await params).key).toLowerCase();
  const { range: raw } = await searchParams;
  const range = isRange(raw) ? raw : DEFAULT_RANGE;
  const values = await propertyValueSummaries(workspace.id, key, rangeStart(range));
  if (values.length === 0) notFound();
  return (
    <div className="space-y-4">
      <div>
        <Link href={`/properties?range=${range}`} className="text-sm text-indigo-600 hover:underline">
          ← Properties
        </Link>
        <h1 className="text-2xl font-semibold">{key}</h1>
        <p className="text-sm text-zinc-500">
          Last {range} ·{" "}
          <Link href={`/cost?range=${range}&by=property:${encodeURIComponent(key)}`} className="text-indigo-600 hover:underline">
            spend over time
          </Link>
        </p>
      </div>
      <SimpleTable caption={`Values of ${key}`} head={["Value", "Requests", "Spend", "Avg latency", "Avg tokens"]}>
        {values.map((v) => (
          <tr key={v.value}>
            <Cell>
              <Link href={`/requests?${new URLSearchParams({ range, [`property.${key}`]: v.value }).toString()}`} className="text-indigo-600 hover:underline">
                {v.value}
              </Link>
            </Cell>
            <Cell mono>{formatCount(v.requests)}</Cell>
            <Cell mono>{formatUsd(v.spendNano)}</Cell>
            <Cell mono>{formatMs(v.avgLatencyMs)}</Cell>
            <Cell mono>{formatCount(Math.round(v.avgTokens))}</Cell>
          </tr>
        ))}
      </SimpleTable>
    </div>
  );
}
