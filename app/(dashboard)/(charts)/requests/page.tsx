import Link from "next/link";
import { Suspense } from "react";
import { GettingStarted } from "@/components/overview/getting-started";
import { FilterBar } from "@/components/requests/filter-bar";
import { LiveRefresh } from "@/components/requests/live-refresh";
import { PagerWhenReady } from "@/components/requests/pager";
import { RequestsTable } from "@/components/requests/requests-table";
import { StatsStripPlaceholder, StatsStripWhenReady } from "@/components/requests/stats-strip";
import { propertyKeys } from "@/lib/analytics/properties";
import { toSearchParams } from "@/lib/analytics/request-query";
import { requestStats } from "@/lib/analytics/request-stats";
import { type SearchRecord, DEFAULT_PAGE_SIZE, readRequestView } from "@/lib/analytics/request-view";
import { hasAnyRequest, listRequests, listRequestsBefore, rowCursor } from "@/lib/analytics/requests";
import { lastDays, timeFieldsOf, timeViewParams } from "@/lib/analytics/time-range";
import { canCreateKeys } from "@/lib/auth/roles";
import { requireMember } from "@/lib/auth/session";
import { requestOrigin } from "@/lib/request-origin";

export const metadata = { title: "Requests" };

export default async function RequestsPage({ searchParams }: { searchParams: Promise<SearchRecord> }) {
  const { workspace, role } = await requireMember();
  const read = readRequestView(await searchParams);
  if (!read.ok) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Requests</h1>
        <p role="alert" className="text-sm text-red-600">
          These filters are not valid: {read.message}.{" "}
          <Link href="/requests" className="underline">
            Clear them
          </Link>
        </p>
      </div>
    );
  }
  const { view } = read;
  const { filters, query } = view;
  // The totals stream in after the rows: they read every matching request, the rows one page.
  const stats = requestStats(workspace.id, query);
  void stats.catch(() => undefined); // awaited below the rows; never an unhandled rejection meanwhile
  const [list, keys] = await Promise.all([
    view.before ? listRequestsBefore(workspace.id, { ...query, cursor: undefined }, view.before) : listRequests(workspace.id, query).then((page) => ({ ...page, previousCursor: query.cursor && page.data[0] ? rowCursor(query.sort, page.data[0]) : null })),
    propertyKeys(workspace.id, lastDays(90)),
  ]);
  const viewParams = { ...timeViewParams(view.time), ...(view.pageSize === DEFAULT_PAGE_SIZE ? {} : { size: String(view.pageSize) }) };
  const href = (q: typeof filters, extra: Record<string, string> = {}) => `/requests?${new URLSearchParams([...toSearchParams(q), ...Object.entries({ ...viewParams, ...extra })]).toString()}`;
  const top = { ...filters, cursor: undefined };
  // Back from page 2 is the top of the list, live again.
  const previousHref = list.previousCursor ? (view.page <= 2 ? href(top) : href(top, { before: list.previousCursor, page: String(view.page - 1) })) : null;
  const nextHref = list.nextCursor ? href({ ...filters, cursor: list.nextCursor }, { page: String(view.page + 1) }) : null;
  const exportHref = (format: string) => `/api/v1/requests/export?${new URLSearchParams([...toSearchParams({ ...filters, cursor: undefined, from: query.from, to: query.to }), ["format", format]]).toString()}`;
  const atTop = !query.cursor && !view.before;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Requests</h1>
        <div className="flex items-center gap-4 text-sm">
          {atTop ? (
            <LiveRefresh on={view.live} onHref={href(filters, { live: "1" })} offHref={href(filters)} />
          ) : (
            <Link href={href(top)} className="text-indigo-600 hover:underline dark:text-indigo-400">
              ← Back to the top
            </Link>
          )}
          <span className="text-zinc-500">
            Export:{" "}
            <a href={exportHref("csv")} className="text-indigo-600 underline dark:text-indigo-400" download>
              CSV
            </a>{" "}
            ·{" "}
            <a href={exportHref("jsonl")} className="text-indigo-600 underline dark:text-indigo-400" download>
              JSONL
            </a>
          </span>
        </div>
      </div>
      <FilterBar key={toSearchParams(filters).toString()} propertyKeys={keys} properties={filters.properties} time={timeFieldsOf(view.time)} />
      <Suspense fallback={<StatsStripPlaceholder />}>
        <StatsStripWhenReady stats={stats} />
      </Suspense>
      {list.data.length === 0 && atTop && !(await hasAnyRequest(workspace.id)) ? (
        <GettingStarted baseUrl={await requestOrigin()} canCreateKeys={canCreateKeys(role)} />
      ) : list.data.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">No requests match these filters in this time range.</p>
      ) : (
        <>
          <RequestsTable rows={list.data} propertyKeys={keys} sort={{ column: filters.sort, dir: filters.dir }} />
          <Suspense>
            <PagerWhenReady
              page={view.page}
              shown={list.data.length}
              pageSize={view.pageSize}
              total={stats.then((s) => s.requests)}
              previousHref={previousHref}
              nextHref={nextHref}
              sizeHref={(size) => `/requests?${new URLSearchParams([...toSearchParams(top), ...Object.entries({ ...timeViewParams(view.time), ...(size === DEFAULT_PAGE_SIZE ? {} : { size: String(size) }) })]).toString()}`}
            />
          </Suspense>
        </>
      )}
    </div>
  );
}
