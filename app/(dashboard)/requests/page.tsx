import Link from "next/link";
import { FilterBar } from "@/components/requests/filter-bar";
import { RequestsTable } from "@/components/requests/requests-table";
import { propertyKeys } from "@/lib/analytics/properties";
import { listRequests, parseRequestQuery, toSearchParams } from "@/lib/analytics/requests";
import { DEFAULT_RANGE, daysAgo, isRange, rangeStart } from "@/lib/analytics/time-range";
import { requireMember } from "@/lib/auth/session";

export const metadata = { title: "Requests" };

const PAGE_SIZE = 50;

type Search = Promise<Record<string, string | string[] | undefined>>;

function toParams(search: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) params.append(k, value);
  return params;
}

export default async function RequestsPage({ searchParams }: { searchParams: Search }) {
  const { workspace } = await requireMember();
  const params = toParams(await searchParams);
  const range = params.get("range");
  params.delete("range");
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
  const query = { ...parsed.data, limit: PAGE_SIZE, from: parsed.data.from ?? rangeStart(isRange(range) ? range : DEFAULT_RANGE) };
  const [page, keys] = await Promise.all([listRequests(workspace.id, query), propertyKeys(workspace.id, daysAgo(90))]);
  const next = page.nextCursor ? `/requests?${new URLSearchParams([...toSearchParams({ ...parsed.data, cursor: page.nextCursor }), ...(range ? [["range", range]] : [])]).toString()}` : null;

  return (
    <div className="space-y-4">
      <div className="flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold">Requests</h1>
        {parsed.data.cursor ? (
          <Link href={`/requests?${new URLSearchParams([...toSearchParams({ ...parsed.data, cursor: undefined }), ...(range ? [["range", range]] : [])]).toString()}`} className="text-sm text-indigo-600 hover:underline">
            ← Newest
          </Link>
        ) : null}
      </div>
      <FilterBar propertyKeys={keys} properties={parsed.data.properties} />
      {page.data.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">No requests match these filters in this time range.</p>
      ) : (
        <RequestsTable rows={page.data} propertyKeys={keys} />
      )}
      {next ? (
        <Link href={next} className="inline-block rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
          Older requests →
        </Link>
      ) : null}
    </div>
  );
}
