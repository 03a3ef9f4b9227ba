import Link from "next/link";
import { notFound } from "next/navigation";
import { RequestDetailLoader } from "@/components/requests/request-detail-loader";
import { type SearchRecord, readRequestView, searchParamsOf } from "@/lib/analytics/request-view";
import { getRequest, requestNeighbours } from "@/lib/analytics/requests";
import { requireMember } from "@/lib/auth/session";

export const metadata = { title: "Request" };

export default async function RequestPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchRecord> }) {
  const { workspace } = await requireMember();
  const id = decodeURIComponent((await params).id);
  const search = await searchParams;
  // Found here for a real 404; the details, bodies included, are read from the API in the browser.
  const row = await getRequest(workspace.id, id, { withBodies: false });
  if (!row) notFound();
  // Previous and next follow the list this request was opened from (its filters are in the URL).
  const read = readRequestView(search);
  const neighbours = read.ok ? await requestNeighbours(workspace.id, { ...read.view.query, cursor: undefined }, row.id) : { previous: null, next: null };
  const listParams = searchParamsOf(search);
  for (const name of ["cursor", "before", "page", "request"]) listParams.delete(name);
  const suffix = listParams.size ? `?${listParams.toString()}` : "";
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <nav aria-label="Request navigation" className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <Link href={`/requests${suffix}`} className="text-indigo-600 hover:underline dark:text-indigo-400">
          ← Requests
        </Link>
        <div className="flex gap-2">
          {neighbours.previous ? (
            <Link href={`/requests/${encodeURIComponent(neighbours.previous)}${suffix}`} rel="prev" className="rounded-md border border-zinc-300 px-3 py-1.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
              ← Previous
            </Link>
          ) : null}
          {neighbours.next ? (
            <Link href={`/requests/${encodeURIComponent(neighbours.next)}${suffix}`} rel="next" className="rounded-md border border-zinc-300 px-3 py-1.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
              Next →
            </Link>
          ) : null}
        </div>
      </nav>
      <h1 className="text-2xl font-semibold">Request</h1>
      <section className="rounded-lg border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <RequestDetailLoader id={row.id} />
      </section>
    </div>
  );
}
