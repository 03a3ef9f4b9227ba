import Link from "next/link";
import { headers } from "next/headers";
import { GettingStarted } from "@/components/overview/getting-started";
import { FilterBar } from "@/components/requests/filter-bar";
import { LiveRefresh } from "@/components/requests/live-refresh";
import { RequestsTable } from "@/components/requests/requests-table";
import { propertyKeys } from "@/lib/analytics/properties";
import { parseRequestQuery, toSearchParams } from "@/lib/analytics/request-query";
import { hasAnyRequest, listRequests } from "@/lib/analytics/requests";
import { lastDays, parseTimeView, timeFieldsOf, timeViewParams } from "@/lib/analytics/time-range";
import { requireMember } from "@/lib/auth/session";

export const metadata = { title: "Requests" };

const PAGE_SIZE = 50;
/** URL parameters of the page itself, not filters of the query. */
const VIEW_PARAMS = ["range", "from", "to", "live"];

type Search = Promise<Record<string, string | string[] | undefined>>;

function toParams(search: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) params.append(k, value);
  return params;
}

export default async function RequestsPage({ searchParams }: { searchParams: Search }) {
  const { workspace } = await requireMember();
  const params = toParams(await searchParams);
  const view = parseTimeView({ range: params.get("range") ?? undefined, from: params.get("from") ?? undefined, to: params.get("to") ?? undefined });
  const live = params.get("live") === "1";
  for (const name of VIEW_PARAMS) params.delete(name);
  const parsed = parseRequestQuery(params);
  if (!parsed.success) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Requests</h1>
        <p role="alert" className="text-sm text-red-600">
          These filters are not valid: {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}.{" "}
          <Link href="/requests" className="underline">
            Clear them
          </Link>
        </p>
      </div>
    );
  }
  const filters = parsed.data;
  const query = { ...filters, limit: PAGE_SIZE, from: view.from, to: view.range === "custom" ? view.to : undefined };
  const [page, keys] = await Promise.all([listRequests(workspace.id, query), propertyKeys(workspace.id, lastDays(90))]);
  const viewParams = timeViewParams(view);
  const href = (q: typeof filters, extra: Record<string, string> = {}) => `/requests?${new URLSearchParams([...toSearchParams(q), ...Object.entries({ ...viewParams, ...extra })]).toString()}`;
  const exportHref = (format: string) => `/api/v1/requests/export?${new URLSearchParams([...toSearchParams({ ...filters, cursor: undefined, from: query.from, to: query.to }), ["format", format]]).toString()}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Requests</h1>
        <div className="flex items-center gap-4 text-sm">
          {filters.cursor ? (
            <Link href={href({ ...filters, cursor: undefined })} className="text-indigo-600 hover:underline">
              ← Back to the top
            </Link>
          ) : (
            <LiveRefresh on={live} onHref={href(filters, { live: "1" })} offHref={href(filters)} />
          )}
          <span className="text-zinc-500">
            Export:{" "}
            <a href={exportHref("csv")} className="text-indigo-600 hover:underline" download>
              CSV
            </a>{" "}
            ·{" "}
            <a href={exportHref("jsonl")} className="text-indigo-600 hover:underline" download>
              JSONL
            </a>
          </span>
        </div>
      </div>
      <FilterBar key={toSearchParams(filters).toString()} propertyKeys={keys} properties={filters.properties} time={timeFieldsOf(view)} />
      {page.data.length === 0 && !(await hasAnyRequest(workspace.id)) ? (
        <GettingStarted baseUrl={`http://${(await headers()).get("host") ?? "localhost:3000"}`} />
      ) : page.data.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">No requests match these filters in this time range.</p>
      ) : (
        <RequestsTable rows={page.data} propertyKeys={keys} sort={{ column: filters.sort, dir: filters.dir }} />
      )}
      {page.nextCursor ? (
        <Link href={href({ ...filters, cursor: page.nextCursor })} className="inline-block rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
          Next {PAGE_SIZE} →
        </Link>
      ) : null}
    </div>
  );
}
