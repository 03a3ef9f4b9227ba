import Link from "next/link";
import { SettingsNav } from "@/components/settings/settings-nav";
import { Cell, SimpleTable } from "@/components/ui/table";
import { type Metric, formatMetricValue } from "@/lib/alerts/rules";
import { requireMember } from "@/lib/auth/session";
import { findAlertEvent, listAlertEvents } from "@/lib/db/alert-events";

export const metadata = { title: "Alert history" };

const PAGE = 50;

const KIND_STYLE: Record<string, string> = {
  fired: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  resolved: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  budget: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
  test: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200",
};

interface NoticeDetail {
  metric?: Metric;
  source?: { name?: string };
  percentUsed?: number;
  window?: { description?: string };
  link?: string;
}

export default async function AlertHistoryPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const { workspace } = await requireMember();
  const { before } = await searchParams;
  const after = before ? await findAlertEvent(workspace.id, before) : null;
  const events = await listAlertEvents(workspace.id, { limit: PAGE, before: after ?? undefined });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Alert history</h1>
        <p className="text-sm text-zinc-500">Every alert that fired or resolved, budget thresholds and test notifications, with what each channel answered.</p>
      </div>
      <SettingsNav current="/settings/alerts/history" />
      {events.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">Nothing has fired yet. Alerts are checked every minute.</p>
      ) : (
        <SimpleTable caption="Events, newest first" head={["Time", "Event", "Alert or budget", "Value", "Threshold", "Deliveries"]}>
          {events.map((event) => {
            const detail = (event.detail ? JSON.parse(event.detail) : {}) as NoticeDetail;
            const metric = detail.metric ?? "spend";
            return (
              <tr key={event.id}>
                <Cell mono>{event.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</Cell>
                <Cell>
                  <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${KIND_STYLE[event.kind] ?? ""}`}>{event.kind}</span>
                </Cell>
                <td className="px-4 py-2">
                  {event.alertRule?.name ?? detail.source?.name ?? "(deleted)"}
                  {event.groupKey ? <span className="text-zinc-500"> · {event.groupKey}</span> : null}
                  {detail.window?.description ? <span className="text-zinc-500"> · {detail.window.description}</span> : null}
                  {detail.link ? (
                    <Link href={new URL(detail.link).pathname + new URL(detail.link).search} className="ml-2 text-xs text-indigo-600 hover:underline">
                      requests
                    </Link>
                  ) : null}
                </td>
                <Cell>
                  {formatMetricValue(metric, event.value)}
                  {detail.percentUsed !== undefined ? ` (${detail.percentUsed}%)` : ""}
                </Cell>
                <Cell>{formatMetricValue(metric, event.threshold)}</Cell>
                <td className="px-4 py-2 text-xs">
                  {event.deliveries.length === 0 ? (
                    <span className="text-zinc-500">no channels</span>
                  ) : (
                    <ul className="space-y-0.5">
                      {event.deliveries.map((d) => (
                        <li key={`${d.channel}:${d.target}`} className={d.status === "delivered" ? "text-emerald-600" : d.status === "failed" ? "text-red-600" : "text-zinc-500"}>
                          {d.channel === "email" ? `email ${d.target}` : d.channel}: {d.status}
                          {d.attempts > 1 ? ` after ${d.attempts} tries` : ""}
                          {d.error ? ` (${d.error})` : ""}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </SimpleTable>
      )}
      {events.length === PAGE ? (
        <Link href={`/settings/alerts/history?before=${events.at(-1)!.id}`} className="text-sm text-indigo-600 hover:underline">
          Older events →
        </Link>
      ) : null}
    </div>
  );
}
