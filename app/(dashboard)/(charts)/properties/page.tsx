import Link from "next/link";
import { Cell, SimpleTable } from "@/components/ui/table";
import { propertyKeySummaries } from "@/lib/analytics/properties";
import { ShowButton } from "@/components/ui/controls";
import { TimeFields } from "@/components/ui/time-fields";
import { type TimeSearch, describeTimeView, parseTimeView, timeFieldsOf, timeViewParams } from "@/lib/analytics/time-range";
import { requireMember } from "@/lib/auth/session";
import { formatCount } from "@/lib/format";

export const metadata = { title: "Properties" };

export default async function PropertiesPage({ searchParams }: { searchParams: Promise<TimeSearch> }) {
  const { workspace } = await requireMember();
  const view = parseTimeView(await searchParams);
  const keys = await propertyKeySummaries(workspace.id, view);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Properties</h1>
        <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Properties window">
          <TimeFields {...timeFieldsOf(view)} />
          <ShowButton />
        </form>
      </div>
      <p className="text-sm text-zinc-500">
        Every <code>Helicone-Property-&lt;Name&gt;</code> header your requests carried over {describeTimeView(view)}. Names are case-insensitive and shown in lower case.
      </p>
      {keys.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">
          No properties yet. Tag a request with a header such as <code>Helicone-Property-Workflow: research-agent</code>.
        </p>
      ) : (
        <SimpleTable caption={`${keys.length} property keys`} head={["Key", "Requests", "Values"]}>
          {keys.map((k) => (
            <tr key={k.key}>
              <Cell>
                <Link href={`/properties/${encodeURIComponent(k.key)}?${new URLSearchParams(timeViewParams(view)).toString()}`} className="text-indigo-600 hover:underline">
                  {k.key}
                </Link>
              </Cell>
              <Cell mono>{formatCount(k.requests)}</Cell>
              <Cell mono>{formatCount(k.values)}</Cell>
            </tr>
          ))}
        </SimpleTable>
      )}
    </div>
  );
}
