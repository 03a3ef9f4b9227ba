import { Cell, SimpleTable } from "@/components/ui/table";
import type { costByModel } from "@/lib/analytics/overview";
import { formatCount, formatUsd } from "@/lib/format";

export function CostByModel({ rows }: { rows: Awaited<ReturnType<typeof costByModel>> }) {
  return (
    <SimpleTable caption="Cost by model (7 days)" head={["Model", "Provider", "Requests", "Spend"]}>
      {rows.map((r) => (
        <tr key={`${r.provider}/${r.model}`}>
          <Cell>{r.model}</Cell>
          <Cell>{r.provider}</Cell>
          <Cell mono>{formatCount(r.requests)}</Cell>
          <Cell mono>{formatUsd(r.spendNano)}</Cell>
        </tr>
      ))}
    </SimpleTable>
  );
}
