import Link from "next/link";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { StatsStripPlaceholder, StatsStripWhenReady } from "@/components/requests/stats-strip";
import { SessionWaterfall } from "@/components/sessions/session-waterfall";
import { requestQuerySchema } from "@/lib/analytics/request-query";
import { requestStats } from "@/lib/analytics/request-stats";
import { sessionTree } from "@/lib/analytics/sessions";
import { requireMember } from "@/lib/auth/session";
import { formatDuration } from "@/lib/format";

export const metadata = { title: "Session" };

export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { workspace } = await requireMember();
  const sessionId = decodeURIComponent((await params).id);
  const stats = requestStats(workspace.id, requestQuerySchema.parse({ sessionId }));
  void stats.catch(() => undefined); // streamed in below; never an unhandled rejection meanwhile
  const session = await sessionTree(workspace.id, sessionId);
  if (!session) notFound();
  return (
    <div className="space-y-6">
      <div>
        <Link href="/sessions" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">
          ← Sessions
        </Link>
        <h1 className="text-2xl font-semibold">{session.name ?? sessionId}</h1>
        <p className="font-mono text-xs text-zinc-500">
          {sessionId} · {session.startedAt.toISOString().replace("T", " ").slice(0, 23)} → {session.endedAt.toISOString().replace("T", " ").slice(session.endedAt.toISOString().slice(0, 10) === session.startedAt.toISOString().slice(0, 10) ? 11 : 0, 23)} ·{" "}
          {formatDuration(session.endedAt.getTime() - session.startedAt.getTime())} ·{" "}
          <Link href={`/requests?${new URLSearchParams({ sessionId, range: "90d" }).toString()}`} className="text-indigo-600 underline dark:text-indigo-400">
            its requests
          </Link>
        </p>
      </div>
      <Suspense fallback={<StatsStripPlaceholder />}>
        <StatsStripWhenReady stats={stats} label="Totals for this session" />
      </Suspense>
      <section className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900" aria-label="Session timeline">
        <SessionWaterfall root={session.root} startedAt={session.startedAt} endedAt={session.endedAt} />
      </section>
    </div>
  );
}
