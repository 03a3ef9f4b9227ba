// Paging under the request list: where these rows sit in the total, previous and next pages by
// cursor, and the page size, all in the URL.
import Link from "next/link";
import { PAGE_SIZES } from "@/lib/analytics/request-view";
import { formatCount } from "@/lib/format";

const BUTTON = "rounded-md border border-zinc-300 px-3 py-1.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

export interface PagerProps {
  /** 1-based page number, rows shown, and the filter's total. */
  page: number;
  shown: number;
  pageSize: number;
  total: number;
  previousHref: string | null;
  nextHref: string | null;
  sizeHref: (size: number) => string;
}

export function Pager({ page, shown, pageSize, total, previousHref, nextHref, sizeHref }: PagerProps) {
  const first = shown ? (page - 1) * pageSize + 1 : 0;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {shown ? `Rows ${formatCount(first)}–${formatCount(first + shown - 1)} of ${formatCount(total)}` : `No rows of ${formatCount(total)}`}
      </p>
      <div className="flex items-center gap-2">
        {previousHref ? (
          <Link href={previousHref} className={BUTTON} rel="prev">
            ← Previous
          </Link>
        ) : (
          <span className={`${BUTTON} opacity-40`} aria-disabled="true">
            ← Previous
          </span>
        )}
        {nextHref ? (
          <Link href={nextHref} className={BUTTON} rel="next">
            Next →
          </Link>
        ) : (
          <span className={`${BUTTON} opacity-40`} aria-disabled="true">
            Next →
          </span>
        )}
      </div>
      <p className="flex items-center gap-1 text-zinc-600 dark:text-zinc-400">
        Rows per page:
        {PAGE_SIZES.map((size) =>
          size === pageSize ? (
            <span key={size} aria-current="true" className="rounded bg-zinc-200 px-1.5 font-medium text-zinc-900 dark:bg-zinc-700 dark:text-zinc-100">
              {size}
            </span>
          ) : (
            <Link key={size} href={sizeHref(size)} className="rounded px-1.5 text-indigo-600 underline dark:text-indigo-400">
              {size}
            </Link>
          ),
        )}
      </p>
    </nav>
  );
}

/** The pager once the filter's total is known: the rows above it render without waiting for it. */
export async function PagerWhenReady({ total, ...props }: Omit<PagerProps, "total"> & { total: Promise<number> }) {
  return <Pager {...props} total={await total} />;
}
