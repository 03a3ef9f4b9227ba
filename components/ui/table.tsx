import type { ReactNode } from "react";

/** A plain, readable table for small server-rendered lists. */
export function SimpleTable({ caption, head, children }: { caption: string; head: string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm">
        <caption className="px-4 py-3 text-left text-sm font-semibold">{caption}</caption>
        <thead className="border-y border-zinc-200 bg-zinc-50 text-xs uppercase text-zinc-500 dark:border-zinc-800 dark:bg-zinc-950">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="px-4 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</tbody>
      </table>
    </div>
  );
}

export const Cell = ({ children, mono }: { children: ReactNode; mono?: boolean }) => (
  <td className={`whitespace-nowrap px-4 py-2 ${mono ? "font-mono text-xs" : ""}`}>{children}</td>
);
