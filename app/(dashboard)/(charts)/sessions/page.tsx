import Link from "next/link";
import { Suspense } from "react";
import { Pager } from "@/components/requests/pager";
import { StatsStripPlaceholder, StatsStripWhenReady } from "@/components/requests/stats-strip";
import { SelectField, ShowButton, controlClass } from "@/components/ui/controls";
import { Cell, SimpleTable } from "@/components/ui/table";
import { TimeFields } from "@/components/ui/time-fields";
import { requestQuerySchema } from "@/lib/analytics/request-query";
import { requestStats } from "@/lib/analytics/request-stats";
import { DEFAULT_PAGE_SIZE, readPaging } from "@/lib/analytics/request-view";
import { SESSION_SORTS, type SessionSort, listSessions } from "@/lib/analytics/sessions";
import { type TimeSearch, describeTimeView, parseTimeView, timeFieldsOf, timeViewParams } from "@/lib/analytics/time-range";
import { requireMember } from "@/lib/auth/session";
import { formatCount, formatDuration, formatUsd } from "@/lib/format";

export const metadata = { title: "Sessions" };

type Search = TimeSearch & { q?: string; sort?: string; page?: string; size?: string };

const isSort = (value: unknown): value is SessionSort => typeof value === "string" && Object.hasOwn(SESSION_SORTS, value);
const when = (at: Date) => at.toISOString().slice(0, 19).replace("T", " ");

export default async function SessionsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { workspace } = await requireMember();
  const search = await searchParams;
  const view = parseTimeView(search);
  const text = typeof search.q === "string" ? search.q.trim().slice(0, 200) : "";
  const sort = isSort(search.sort) ? search.sort : "recent";
  const { pageSize, page } = readPaging(search.size, search.page);
  const stats = requestStats(workspace.id, requestQuerySchema.parse({ from: view.from, to: view.to, session: text || "any" }));
  void stats.catch(() => undefined); // streamed in below; never an unhandled rejection meanwhile
  const { sessions, total } = await listSessions(workspace.id, view, { search: text || undefined, sort, page, pageSize });
  const href = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams({ ...timeViewParams(view), ...(text ? { q: text } : {}), ...(sort === "recent" ? {} : { sort }), ...(pageSize === DEFAULT_PAGE_SIZE ? {} : { size: String(pageSize) }) });
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) params.delete(k);
      else params.set(k, v);
    }
    return `/sessions?${params.toString()}`;
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Sessions</h1>
        <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Find sessions">
          <label className="text-xs text-zinc-500">
            Id or name contains
            <input name="q" defaultValue={text} className={`${controlClass} block`} placeholder="trip-1, Pelican…" />
          </label>
          <SelectField label="Sort" name="sort" defaultValue={sort} options={Object.entries(SESSION_SORTS).map(([value, label]) => ({ value, label }))} />
          <TimeFields {...timeFieldsOf(view)} />
          <ShowButton />
        </form>
      </div>
      <p className="text-sm text-zinc-500">
        Requests sent with <code>Helicone-Session-Id</code> (and <code>-Path</code>, <code>-Name</code>), or reported as one OpenTelemetry trace, over {describeTimeView(view)}.
      </p>
      <Suspense fallback={<StatsStripPlaceholder />}>
        <StatsStripWhenReady stats={stats} label="Totals for these sessions" />
      </Suspense>
      {sessions.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">{text ? `No session id or name contains "${text}" in this time range.` : "No sessions in this time range."}</p>
      ) : (
        <>
          <SimpleTable caption={`${formatCount(total)} sessions`} head={["Session", "Name", "Requests", "Spend", "Duration", "Started", "Last request"]}>
            {sessions.map((s) => (
              <tr key={s.sessionId}>
                <Cell>
                  <Link href={`/sessions/${encodeURIComponent(s.sessionId)}`} className="text-indigo-600 hover:underline dark:text-indigo-400">
                    {s.sessionId.length > 40 ? `${s.sessionId.slice(0, 40)}…` : s.sessionId}
                  </Link>
                </Cell>
                <Cell>{s.name ?? "—"}</Cell>
                <Cell mono>{formatCount(s.requests)}</Cell>
                <Cell mono>{formatUsd(s.spendNano)}</Cell>
                <Cell mono>{formatDuration(s.endedAt.getTime() - s.startedAt.getTime())}</Cell>
                <Cell mono>{when(s.startedAt)}</Cell>
                <Cell mono>{when(s.endedAt)}</Cell>
              </tr>
            ))}
          </SimpleTable>
          <Pager
            page={page}
            shown={sessions.length}
            pageSize={pageSize}
            total={total}
            previousHref={page > 1 ? href({ page: page === 2 ? undefined : String(page - 1) }) : null}
            nextHref={page * pageSize < total ? href({ page: String(page + 1) }) : null}
            sizeHref={(size) => href({ size: size === DEFAULT_PAGE_SIZE ? undefined : String(size), page: undefined })}
          />
        </>
      )}
    </div>
  );
}
