import { Cell, SimpleTable } from "@/components/ui/table";
import type { recentRequests } from "@/lib/analytics/overview";
import { formatMs, formatUsd } from "@/lib/format";

type Row = Awaited<ReturnType<typeof recentRequests>>[number];

export function RecentRequests({ rows }: { rows: Row[] }) {
  return (
    <SimpleTable caption="Latest requests" head={["Time", "Status", "Model", "User", "Tokens", "Cost", "Latency", "Properties"]}>
      {rows.map((r) => (
        <tr key={r.id}>
          <Cell mono>{r.createdAt.toISOString().replace("T", " ").slice(0, 19)}</Cell>
          <Cell>
            <span className={r.status >= 400 ? "font-medium text-red-600 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}>{r.status}</span>
          </Cell>
          <Cell>
            {r.modelRequested} <span className="text-xs text-zinc-500">{r.provider}</span>
          </Cell>
          <Cell>{r.userId ?? "—"}</Cell>
          <Cell mono>
            {r.promptTokens ?? 0} / {r.completionTokens ?? 0}
          </Cell>
          <Cell mono>{formatUsd(r.costNanoUsd)}</Cell>
          <Cell mono>{formatMs(r.latencyMs)}</Cell>
          <Cell>
            <span className="text-xs text-zinc-500">{r.properties.map((p) => `${p.key}=${p.value}`).join(" · ") || "—"}</span>
          </Cell>
        </tr>
      ))}
    </SimpleTable>
  );
}
