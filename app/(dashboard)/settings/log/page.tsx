import { notFound } from "next/navigation";
import { SettingsNav } from "@/components/settings/settings-nav";
import { Cell, SimpleTable } from "@/components/ui/table";
import { discardDeadLetterAction, retryDeadLettersAction } from "@/lib/actions/dead-letters";
import { canManageSettings } from "@/lib/auth/roles";
import { requireMember } from "@/lib/auth/session";
import { listDeadLetters } from "@/lib/db/dead-letters";
import { partitionDaysAhead } from "@/lib/db/partitions";
import { countOf, formatCount } from "@/lib/format";
import { logReasons, serverLogStats } from "@/lib/gateway/log-health";

export const metadata = { title: "Request log" };

const button = "rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

export default async function RequestLogPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { workspace, role } = await requireMember();
  if (!canManageSettings(role)) notFound(); // admins only
  // The writer's state is this server's (all its workers); the refused rows counted are this workspace's only.
  const [{ error }, letters, queue, daysAhead] = await Promise.all([searchParams, listDeadLetters(workspace.id), serverLogStats(), partitionDaysAhead().catch(() => null)]);
  const reasons = logReasons(queue, letters.length, daysAhead);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Request log</h1>
        <p className="text-sm text-zinc-500">
          Whether every call is being written. Rows wait on disk while the database is away and are written when it is back; a row the database refuses on its own is kept here with the reason, so it can be retried once the cause is fixed.
        </p>
      </div>
      <SettingsNav current="/settings/log" />
      {error ? <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">{error}</p> : null}
      <section aria-labelledby="writer" className="space-y-2">
        <h2 id="writer" className="text-lg font-semibold">
          {reasons.length === 0 ? "Writing normally" : "Needs attention"}
        </h2>
        {reasons.length ? (
          <ul className="list-disc pl-5 text-sm">
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : null}
        {queue ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            This server: {countOf(queue.written, "row")} written since start, {formatCount(queue.pending)} waiting ({formatCount(queue.spilled)} on disk)
            {queue.pending ? `, the oldest for ${Math.round(queue.oldestPendingMs / 1000)} s` : ""}, {formatCount(queue.dropped)} dropped.
          </p>
        ) : null}
      </section>
      <section aria-labelledby="dead" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="dead" className="text-lg font-semibold">
            Refused rows ({letters.length})
          </h2>
          {letters.length ? (
            <form action={retryDeadLettersAction}>
              <button type="submit" className={button}>
                Retry all
              </button>
            </form>
          ) : null}
        </div>
        {letters.length === 0 ? (
          <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">The database has refused no rows of this workspace.</p>
        ) : (
          <SimpleTable caption="Rows the database refused, newest first" head={["Refused at", "Call", "Model", "Status", "Error", ""]}>
            {letters.map((l) => (
              <tr key={l.id}>
                <Cell mono>{l.createdAt.toISOString().slice(0, 19).replace("T", " ")}</Cell>
                <Cell mono>{l.summary?.at.slice(0, 19).replace("T", " ") ?? "?"}</Cell>
                <Cell>{l.summary?.model ?? "?"}</Cell>
                <Cell>{l.summary?.status ?? "?"}</Cell>
                <td className="max-w-md px-4 py-2 text-xs break-words">{l.error}</td>
                <Cell>
                  <div className="flex gap-2">
                    <form action={retryDeadLettersAction}>
                      <input type="hidden" name="id" value={l.id} />
                      <button type="submit" className={button} aria-label={`Retry row ${l.requestId}`}>
                        Retry
                      </button>
                    </form>
                    <form action={discardDeadLetterAction}>
                      <input type="hidden" name="id" value={l.id} />
                      <button type="submit" className={`${button} text-red-600`} aria-label={`Discard row ${l.requestId}`}>
                        Discard
                      </button>
                    </form>
                  </div>
                </Cell>
              </tr>
            ))}
          </SimpleTable>
        )}
      </section>
    </div>
  );
}
