// Ranked groups as horizontal bars with their share of all spend in the window (not of the rows
// shown); each label links to the matching requests. Plain HTML, so it renders on the server and reads well in any width.
import Link from "next/link";
import { formatCount, formatPercent, formatUsd } from "@/lib/format";

export interface ShareRow {
  label: string;
  spendNano: bigint;
  requests: number;
  href: string;
}

export function ShareBars({ title, rows, total, empty }: { title: string; rows: ShareRow[]; total: bigint; empty: string }) {
  const widest = rows.reduce((m, r) => (r.spendNano > m ? r.spendNano : m), 0n);
  return (
    <section aria-label={title} className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="mb-3 text-sm font-semibold">{title}</h2>
      {rows.length === 0 ? <p className="text-sm text-zinc-500">{empty}</p> : null}
      <ol className="space-y-2">
        {rows.map((r) => (
          <li key={r.label} className="text-sm">
            <div className="flex items-baseline justify-between gap-2">
              <Link href={r.href} className="truncate text-indigo-600 hover:underline dark:text-indigo-400">
                {r.label}
              </Link>
              <span className="shrink-0 font-mono text-xs text-zinc-600 dark:text-zinc-400">
                {formatUsd(r.spendNano)} · {total > 0n ? formatPercent(Number((r.spendNano * 10_000n) / total) / 10_000) : "—"} · {formatCount(r.requests)} req
              </span>
            </div>
            <div className="mt-1 h-1.5 rounded bg-zinc-100 dark:bg-zinc-800">
              <div className="h-1.5 rounded bg-indigo-500" style={{ width: `${widest > 0n ? Number((r.spendNano * 1000n) / widest) / 10 : 0}%` }} />
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
