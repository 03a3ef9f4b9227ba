"use client";
// The request explorer's table: TanStack Table with resizable columns, a column picker (each
// property key can be a column), and a detail drawer on row click or Enter.
import { type ColumnDef, type VisibilityState, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { type KeyboardEvent, useMemo, useState } from "react";
import { formatDollars, formatMs } from "@/lib/format";
import { RequestDrawer } from "./request-drawer";
import type { RequestRow } from "./types";

const usd = (v: number | null) => (v === null ? "unpriced" : formatDollars(v));

function baseColumns(): ColumnDef<RequestRow>[] {
  return [
    { id: "time", header: "Time", size: 165, cell: ({ row }) => <span className="font-mono text-xs">{new Date(row.original.createdAt).toISOString().replace("T", " ").slice(0, 19)}</span> },
    {
      id: "status",
      header: "Status",
      size: 70,
      cell: ({ row }) => <span className={row.original.status >= 400 ? "font-semibold text-red-600 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}>{row.original.status}</span>,
    },
    {
      id: "model",
      header: "Model",
      size: 230,
      cell: ({ row }) => (
        <span>
          {row.original.model}
          {row.original.modelServed && row.original.modelServed !== row.original.model ? <span className="text-zinc-500"> → {row.original.modelServed}</span> : null}
        </span>
      ),
    },
    { id: "provider", header: "Provider", size: 90, cell: ({ row }) => row.original.provider },
    { id: "user", header: "User", size: 140, cell: ({ row }) => row.original.userId ?? "—" },
    { id: "tokens", header: "Tokens in/out", size: 110, cell: ({ row }) => <span className="font-mono text-xs">{row.original.promptTokens ?? "—"} / {row.original.completionTokens ?? "—"}{row.original.usageEstimated ? " ≈" : ""}</span> },
    { id: "cost", header: "Cost", size: 100, cell: ({ row }) => <span className="font-mono text-xs">{usd(row.original.costUsd)}</span> },
    { id: "latency", header: "Latency", size: 80, cell: ({ row }) => <span className="font-mono text-xs">{formatMs(row.original.latencyMs)}</span> },
    { id: "ttft", header: "TTFT", size: 70, cell: ({ row }) => <span className="font-mono text-xs">{formatMs(row.original.timeToFirstTokenMs)}</span> },
    { id: "cache", header: "Cache", size: 60, cell: ({ row }) => row.original.cacheStatus ?? "—" },
    {
      id: "properties",
      header: "Properties",
      size: 260,
      cell: ({ row }) => <span className="text-xs text-zinc-500">{Object.entries(row.original.properties).map(([k, v]) => `${k}=${v}`).join(" · ") || "—"}</span>,
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
  params.delete("cursor");
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
  } else if (event.key === "Enter") open();
}

export function RequestsTable({ rows, propertyKeys, sort }: { rows: RequestRow[]; propertyKeys: string[]; sort?: TableSort }) {
  const [selected, setSelected] = useState<string | null>(null);
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
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                tabIndex={0}
                onClick={() => setSelected(row.id)}
                onKeyDown={(e) => onRowKey(e, () => setSelected(row.id))}
                className="cursor-pointer hover:bg-indigo-50 focus:bg-indigo-50 focus:outline-none dark:hover:bg-zinc-800 dark:focus:bg-zinc-800"
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
      {selected ? <RequestDrawer id={selected} onClose={() => setSelected(null)} /> : null}
    </div>
  );
}
