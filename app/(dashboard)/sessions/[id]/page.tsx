import Link from "next/link";
import { notFound } from "next/navigation";
import { SessionTree } from "@/components/sessions/session-tree";
import { StatTile } from "@/components/ui/stat-tile";
import { sessionTree } from "@/lib/analytics/sessions";
import { requireMember } from "@/lib/auth/session";
import { formatCount, formatMs, formatUsd } from "@/lib/format";

export const metadata = { title: "Session" };

export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { workspace } = await requireMember();
  const sessionId = decodeURIComponent((await params).id);
  const session = await sessionTree(workspace.id, sessionId);
  if (!session) notFound();
  const { root } = session;
  return (
    <div className="space-y-6">
      <div>
        <Link href="/sessions" className="text-sm text-indigo-600 hover:underline">
          ← Sessions
        </Link>
        <h1 className="text-2xl font-semibold">{session.name ?? sessionId}</h1>
        <p className="font-mono text-xs text-zinc-500">
          {sessionId} · {session.startedAt.toISOString().replace("T", " ").slice(0, 19)} → {session.endedAt.toISOString().replace("T", " ").slice(11, 19)}
        </p>
      </div>
      <div className="grid grid-cols-3 gap-4">
        <StatTile label="Session spend" value={formatUsd(root.spendNano)} />
        <StatTile label="Requests" value={formatCount(root.requests)} />
        <StatTile label="Total latency" value={formatMs(root.latencyMs)} />
      </div>
      <section className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900" aria-label="Session tree">
        <ul>
          <SessionTree node={root} sessionId={sessionId} />
        </ul>
      </section>
    </div>
  );
}
