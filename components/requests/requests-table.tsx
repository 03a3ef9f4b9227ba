"use client";
// The request explorer's table: TanStack Table with resizable columns, a column picker (each
// property key can be a column), and a detail drawer on row click or Enter.
import { type ColumnDef, type VisibilityState, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { type KeyboardEvent, useCallback, useMemo, useRef, useState } from "react";
import { formatDollars, formatMs } from "@/lib/format";
import { RequestDrawer } from "./request-drawer";
import type { RequestRow } from "./types";

const usd = (v: number | null) => (v === null ? "unpriced" : formatDollars(v));

const timeOf = (at: string | Date) => new Date(at).toISOString().replace("T", " ");

/** A cell's text, cut to the column with the whole of it on hover. */
const Clipped = ({ text, className }: { text: string; className?: string }) => (
  <span title={text} className={className}>
    {text}
  </span>
);

// Status and cost come first so they stay in view on a laptop; the rest truncate with a tooltip.
function baseColumns(): ColumnDef<RequestRow>[] {
  return [
    { id: "time", header: "Time", size: 150, cell: ({ row }) => <Clipped text={timeOf(row.original.createdAt).slice(0, 19)} className="font-mono text-xs" /> },
    {
      id: "status",
      header: "Status",
      size: 64,
      cell: ({ row }) => <span className={row.original.status >= 400 ? "font-semibold text-red-600 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}>{row.original.status}</span>,
    },
    // One name per model: the one that served the call, with the provider in its own column.
    { id: "model", header: "Model", size: 190, cell: ({ row }) => <Clipped text={row.original.modelServed ?? row.original.model} /> },
    { id: "provider", header: "Provider", size: 90, cell: ({ row }) => row.original.provider },
    { id: "cost", header: "Cost", size: 90, cell: ({ row }) => <span className="font-mono text-xs">{usd(row.original.costUsd)}</span> },
    { id: "tokens", header: "Tokens in/out", size: 110, cell: ({ row }) => <span className="font-mono text-xs">{row.original.promptTokens ?? "—"} / {row.original.completionTokens ?? "—"}{row.original.usageEstimated ? " ≈" : ""}</span> },
    { id: "latency", header: "Latency", size: 80, cell: ({ row }) => <span className="font-mono text-xs">{formatMs(row.original.latencyMs)}</span> },
    { id: "user", header: "User", size: 120, cell: ({ row }) => <Clipped text={row.original.userId ?? "—"} /> },
    { id: "ttft", header: "TTFT", size: 70, cell: ({ row }) => <span className="font-mono text-xs">{formatMs(row.original.timeToFirstTokenMs)}</span> },
    { id: "cache", header: "Cache", size: 64, cell: ({ row }) => row.original.cacheStatus ?? "—" },
    {
      id: "properties",
      header: "Properties",
      size: 240,
      cell: ({ row }) => <Clipped text={Object.entries(row.original.properties).map(([k, v]) => `${k}=${v}`).join(" · ") || "—"} className="text-xs text-zinc-500" />,
    },
  ];
}

/** Columns the server can sort by, keyed by column id. */
const SORTABLE: Record<string, string> = { time: "time", cost: "cost", latency: "latency", ttft: "ttft" };

export interface TableSort {
  column: string;
  dir: "asc" | "desc";
}

/** A header that links to the same view sorted by its column (again: the other direction). */
function SortHeader({ label, column, sort }: { label: string; column: string; sort: TableSort }) {
  const pathname = usePathname();
  const params = new URLSearchParams(useSearchParams().toString());
  const active = sort.column === column;
  const dir = active && sort.dir === "desc" ? "asc" : "desc";
  for (const name of ["cursor", "before", "page", "request"]) params.delete(name);
  params.set("sort", column);
  params.set("dir", dir);
  return (
    <Link href={`${pathname}?${params.toString()}`} className="hover:text-zinc-900 dark:hover:text-zinc-100" aria-label={`Sort by ${label}, ${dir === "desc" ? "highest" : "lowest"} first`}>
      {label}
      {active ? (sort.dir === "desc" ? " ↓" : " ↑") : ""}
    </Link>
  );
}

/** Arrow keys move between rows; Enter opens the focused one. */
function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, open: () => void) {
  const row = event.currentTarget;
  const target = event.key === "ArrowDown" ? row.nextElementSibling : event.key === "ArrowUp" ? row.previousElementSibling : null;
  if (target instanceof HTMLElement) {
    event.preventDefault();
    target.focus();
  } else if (event.key === "Enter") {
    // Without this the same key press goes on to "click" the drawer's Close button, focused as it opens.
    event.preventDefault();
    open();
  }
}

/** The open request in the URL (?request=<id>), so a shared link opens it; written without a navigation. */
function useOpenRequest(): [string | null, (id: string | null) => void] {
  const search = useSearchParams();
  const [selected, setSelected] = useState<string | null>(() => search.get("request"));
  const select = useCallback((id: string | null) => {
    setSelected(id);
    const url = new URL(window.location.href);
    if (id) url.searchParams.set("request", id);
    else url.searchParams.delete("request");
    window.history.replaceState(window.history.state, "", url);
  }, []);
  return [selected, select];
}

export function RequestsTable({ rows, propertyKeys, sort }: { rows: RequestRow[]; propertyKeys: string[]; sort?: TableSort }) {
  const [selected, setSelected] = useOpenRequest();
  const body = useRef<HTMLTableSectionElement>(null);
  const search = useSearchParams();
  const close = useCallback(() => {
    const id = selected;
    setSelected(null);
    // Back to the row the drawer was opened from.
    if (id) body.current?.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(id)}"]`)?.focus();
  }, [selected, setSelected]);
  const pageHref = (id: string) => {
    const params = new URLSearchParams(search.toString());
    for (const name of ["request", "live"]) params.delete(name);
    return `/requests/${encodeURIComponent(id)}${params.size ? `?${params.toString()}` : ""}`;
  };
  const [visibility, setVisibility] = useState<VisibilityState>(() => Object.fromEntries(propertyKeys.map((k) => [`prop:${k}`, false])));
  const columns = useMemo<ColumnDef<RequestRow>[]>(
    () => [...baseColumns(), ...propertyKeys.map((k): ColumnDef<RequestRow> => ({ id: `prop:${k}`, header: k, size: 130, cell: ({ row }) => row.original.properties[k] ?? "—" }))],
    [propertyKeys],
  );
  // TanStack returns fresh functions each render, which the React Compiler's lint flags; the
  // compiler is not enabled here, so nothing is memoized wrongly.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    columnResizeMode: "onChange",
    state: { columnVisibility: visibility },
    onColumnVisibilityChange: setVisibility,
    getRowId: (row) => row.id,
  });

  return (
    <div className="space-y-2">
      <details className="text-sm">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Columns</summary>
        <div className="mt-2 flex flex-wrap gap-3 rounded-md border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
          {table.getAllLeafColumns().map((column) => (
            <label key={column.id} className="flex items-center gap-1">
              <input type="checkbox" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />
              {String(column.columnDef.header)}
            </label>
          ))}
        </div>
      </details>
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="text-left text-sm" style={{ width: table.getTotalSize() }} aria-label="Requests">
          <thead className="border-b border-zinc-200 bg-zinc-50 text-xs uppercase text-zinc-500 dark:border-zinc-800 dark:bg-zinc-950">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((h) => (
                  <th
                    key={h.id}
                    scope="col"
                    aria-sort={sort && sort.column === SORTABLE[h.column.id] ? (sort.dir === "desc" ? "descending" : "ascending") : undefined}
                    className="relative px-3 py-2 font-medium"
                    style={{ width: h.getSize() }}
                  >
                    {sort && SORTABLE[h.column.id] ? (
                      <SortHeader label={String(h.column.columnDef.header)} column={SORTABLE[h.column.id]!} sort={sort} />
                    ) : (
                      flexRender(h.column.columnDef.header, h.getContext())
                    )}
                    <span
                      role="separator"
                      aria-label={`Resize ${String(h.column.columnDef.header)}`}
                      onMouseDown={h.getResizeHandler()}
                      onTouchStart={h.getResizeHandler()}
                      className="absolute right-0 top-0 h-full w-1 cursor-col-resize select-none hover:bg-indigo-400"
                    />
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody ref={body} className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                data-id={row.id}
                title={timeOf(row.original.createdAt)}
                aria-selected={selected === row.id}
                tabIndex={0}
                onClick={() => setSelected(row.id)}
                onKeyDown={(e) => onRowKey(e, () => setSelected(row.id))}
                className="cursor-pointer hover:bg-indigo-50 focus:bg-indigo-50 focus:outline-hidden focus-visible:outline-2 focus-visible:outline-solid focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 aria-selected:bg-indigo-50 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800 dark:aria-selected:bg-zinc-800"
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="truncate px-3 py-2" style={{ width: cell.column.getSize(), maxWidth: cell.column.getSize() }}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected ? <RequestDrawer id={selected} ids={rows.map((r) => r.id)} pageHref={pageHref(selected)} onSelect={setSelected} onClose={close} /> : null}
    </div>
  );
}
