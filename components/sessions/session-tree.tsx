import Link from "next/link";
import type { SessionNode } from "@/lib/analytics/sessions";
import { formatMs, formatUsd } from "@/lib/format";

/** A session's paths as a nested list, each with its requests, spend and latency. */
export function SessionTree({ node, sessionId }: { node: SessionNode; sessionId: string }) {
  return (
    <li className="space-y-1">
      <div className="flex flex-wrap items-baseline gap-3 text-sm">
        <span className="font-mono font-medium">{node.path}</span>
        <span className="text-xs text-zinc-500">
          {node.requests} request{node.requests === 1 ? "" : "s"} · {formatUsd(node.spendNano)} · {formatMs(node.latencyMs)} total
        </span>
        {node.requestIds.length ? (
          <Link href={`/requests?${new URLSearchParams({ sessionId, range: "90d" }).toString()}`} className="text-xs text-indigo-600 hover:underline">
            requests
          </Link>
        ) : null}
      </div>
      {node.children.length ? (
        <ul className="ml-4 space-y-1 border-l border-zinc-200 pl-4 dark:border-zinc-800">
          {node.children.map((child) => (
            <SessionTree key={child.path} node={child} sessionId={sessionId} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
