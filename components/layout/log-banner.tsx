// Tells owners and admins, on every page, when the request log is behind, stalled, has dropped
// rows or holds refused rows of their workspace: a fault that stops logging is never silent.
import Link from "next/link";
import { countDeadLetters } from "@/lib/db/dead-letters";
import { partitionDaysAhead } from "@/lib/db/partitions";
import { logReasons } from "@/lib/gateway/log-health";
import { runningGateway } from "@/lib/gateway/runtime";

export async function LogBanner({ workspaceId }: { workspaceId: string }) {
  const [deadLetters, daysAhead] = await Promise.all([countDeadLetters(workspaceId).catch(() => null), partitionDaysAhead().catch(() => null)]);
  const reasons = logReasons(runningGateway()?.deps.log.snapshot(), deadLetters, daysAhead);
  if (reasons.length === 0) return null;
  return (
    <div role="status" className="border-b border-amber-300 bg-amber-50 px-6 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
      <strong>Request log:</strong> {reasons.join("; ")}.{" "}
      <Link href="/settings/log" className="font-medium underline">
        See the request log
      </Link>
    </div>
  );
}
