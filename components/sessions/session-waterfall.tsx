"use client";
// A session as a trace: its requests on one time axis (start offset, duration, time to first
// token), nested by Helicone-Session-Path with totals per branch; a bar opens its request inline.
import { useState } from "react";
import type { SessionCall, SessionNode } from "@/lib/analytics/sessions";
import { formatDuration, formatMs, formatUsd } from "@/lib/format";
import { RequestDetailLoader } from "../requests/request-detail-loader";

interface Axis {
  start: number;
  span: number;
}

const percent = (value: number) => `${Math.max(0, Math.min(100, value * 100))}%`;

/** Label, time axis, timing: the same three columns for the header and every request. */
const ROW = "grid grid-cols-[minmax(12rem,20rem)_1fr_11rem] items-center gap-3";

function CallRow({ call, depth, axis }: { call: SessionCall; depth: number; axis: Axis }) {
  const [open, setOpen] = useState(false);
  const offset = call.createdAt.getTime() - axis.start;
  const failed = call.status >= 400;
  const timing = `+${formatDuration(offset)} · ${formatMs(call.latencyMs)}${call.timeToFirstTokenMs !== null ? ` · TTFT ${formatMs(call.timeToFirstTokenMs)}` : ""}`;
  return (
    <li>
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} className={`${ROW} w-full rounded py-1 text-left text-xs hover:bg-zinc-50 dark:hover:bg-zinc-800`}>
        <span className="flex min-w-0 items-baseline gap-2" style={{ paddingLeft: `${depth}rem` }}>
          <span className={`font-mono ${failed ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}>{call.status}</span>
          <span className="truncate">{call.model}</span>
          <span className="sr-only">({call.provider})</span>
          <span className="ml-auto shrink-0 font-mono text-zinc-600 dark:text-zinc-400">{call.costNanoUsd === null ? "unpriced" : formatUsd(call.costNanoUsd)}</span>
        </span>
        <span className="relative block h-5 rounded bg-zinc-100 dark:bg-zinc-800" aria-hidden="true">
          <span
            className={`absolute top-0.5 h-4 rounded-sm ${failed ? "bg-red-400 dark:bg-red-500" : "bg-indigo-400 dark:bg-indigo-500"}`}
            style={{ left: percent(offset / axis.span), width: `max(3px, ${percent(call.latencyMs / axis.span)})` }}
          >
            {call.timeToFirstTokenMs !== null ? <span className="absolute inset-y-0 left-0 rounded-l-sm bg-indigo-700/60" style={{ width: percent(call.timeToFirstTokenMs / Math.max(1, call.latencyMs)) }} /> : null}
          </span>
        </span>
        <span className="font-mono text-[11px] text-zinc-600 dark:text-zinc-300">{timing}</span>
      </button>
      {open ? (
        <div className="my-2 rounded-md border border-zinc-200 p-4 dark:border-zinc-800" style={{ marginLeft: `${depth}rem` }}>
          <RequestDetailLoader id={call.id} />
        </div>
      ) : null}
    </li>
  );
}

function Branch({ node, depth, axis }: { node: SessionNode; depth: number; axis: Axis }) {
  return (
    <li>
      <div className="flex flex-wrap items-baseline gap-3 py-1 text-sm" style={{ paddingLeft: `${depth}rem` }}>
        <span className="font-mono font-medium">{node.path}</span>
        <span className="text-xs text-zinc-500">
          {node.requests} request{node.requests === 1 ? "" : "s"} · {formatUsd(node.spendNano)} · {formatMs(node.latencyMs)} of model time
        </span>
      </div>
      <ul>
        {node.calls.map((call) => (
          <CallRow key={call.id} call={call} depth={depth + 1} axis={axis} />
        ))}
        {node.children.map((child) => (
          <Branch key={child.path} node={child} depth={depth + 1} axis={axis} />
        ))}
      </ul>
    </li>
  );
}

export function SessionWaterfall({ root, startedAt, endedAt }: { root: SessionNode; startedAt: Date; endedAt: Date }) {
  const axis = { start: startedAt.getTime(), span: Math.max(1, endedAt.getTime() - startedAt.getTime()) };
  return (
    <div>
      <div className={`${ROW} pb-1 text-[10px] uppercase text-zinc-600 dark:text-zinc-400`}>
        <span>Path · status · model · cost</span>
        <span className="flex justify-between font-mono">
          <span>0</span>
          <span>{formatDuration(axis.span / 2)}</span>
          <span>{formatDuration(axis.span)}</span>
        </span>
        <span>Start · duration · TTFT</span>
      </div>
      <ul>
        <Branch node={root} depth={0} axis={axis} />
      </ul>
    </div>
  );
}
