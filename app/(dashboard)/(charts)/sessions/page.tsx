import Link from "next/link";
import { Cell, SimpleTable } from "@/components/ui/table";
import { listSessions } from "@/lib/analytics/sessions";
import { ShowButton } from "@/components/ui/controls";
import { TimeFields } from "@/components/ui/time-fields";
import { type TimeSearch, describeTimeView, parseTimeView, timeFieldsOf } from "@/lib/analytics/time-range";
import { requireMember } from "@/lib/auth/session";
import { formatCount, formatUsd } from "@/lib/format";

export const metadata = { title: "Sessions" };

export default async function SessionsPage({ searchParams }: { searchParams: Promise<TimeSearch> }) {
  const { workspace } = await requireMember();
  const view = parseTimeView(await searchParams);
  const sessions = await listSessions(workspace.id, view);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Sessions</h1>
        <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Sessions window">
          <TimeFields {...timeFieldsOf(view)} />
          <ShowButton />
        </form>
      </div>
      <p className="text-sm text-zinc-500">
        Requests sent with <code>Helicone-Session-Id</code> (and <code>-Path</code>, <code>-Name</code>) over {describeTimeView(view)}, most recent first.
      </p>
      {sessions.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">No sessions in this time range.</p>
      ) : (
        <SimpleTable caption={`${formatCount(sessions.length)} sessions`} head={["Session", "Name", "Requests", "Spend", "Started", "Last request"]}>
          {sessions.map((s) => (
            <tr key={s.sessionId}>
              <Cell>
                <Link href={`/sessions/${encodeURIComponent(s.sessionId)}`} className="text-indigo-600 hover:underline">
                  {s.sessionId}
                </Link>
              </Cell>
              <Cell>{s.name ?? "—"}</Cell>
              <Cell mono>{formatCount(s.requests)}</Cell>
              <Cell mono>{formatUsd(s.spendNano)}</Cell>
              <Cell mono>{s.startedAt.toISOString().slice(0, 16).replace("T", " ")}</Cell>
              <Cell mono>{s.endedAt.toISOString().slice(0, 16).replace("T", " ")}</Cell>
            </tr>
          ))}
        </SimpleTable>
      )}
    </div>
  );
}
