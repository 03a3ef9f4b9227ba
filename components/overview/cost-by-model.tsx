import Link from "next/link";
import { Cell, SimpleTable } from "@/components/ui/table";
import type { CostGroup } from "@/lib/analytics/cost";
import { formatCount, formatUsd } from "@/lib/format";

export function CostByModel({ rows }: { rows: CostGroup[] }) {
  return (
    <SimpleTable caption="Cost by model (7 days)" head={["Model", "Requests", "Spend"]}>
      {rows.map((r) => (
        <tr key={r.group}>
          <Cell>
            <Link href={`/requests?${new URLSearchParams({ model: r.group, range: "7d" }).toString()}`} className="text-indigo-600 hover:underline">
              {r.group}
            </Link>
          </Cell>
          <Cell mono>{formatCount(r.requests)}</Cell>
          <Cell mono>{formatUsd(r.spendNano)}</Cell>
        </tr>
      ))}
    </SimpleTable>
  );
}
