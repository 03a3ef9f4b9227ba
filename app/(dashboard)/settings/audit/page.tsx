import Link from "next/link";
import { notFound } from "next/navigation";
import { SettingsNav } from "@/components/settings/settings-nav";
import { Cell, SimpleTable } from "@/components/ui/table";
import { canManageSettings } from "@/lib/auth/roles";
import { requireMember } from "@/lib/auth/session";
import { findAuditEvent, listAuditEvents } from "@/lib/db/audit";

export const metadata = { title: "Audit log" };

const PAGE = 100;

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const { workspace, role } = await requireMember();
  if (!canManageSettings(role)) notFound(); // admins only
  const { before } = await searchParams;
  const after = before ? await findAuditEvent(workspace.id, before) : null;
  const events = await listAuditEvents(workspace.id, { limit: PAGE, before: after ?? undefined });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="text-sm text-zinc-500">Who changed what in this workspace&apos;s settings, newest first.</p>
      </div>
      <SettingsNav current="/settings/audit" />
      {events.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">No changes recorded yet.</p>
      ) : (
        <SimpleTable caption="Changes, newest first" head={["Time", "Who", "Action", "What", "Details"]}>
          {events.map((e) => (
            <tr key={e.id}>
              <Cell mono>{e.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</Cell>
              <Cell>{e.actorLabel}</Cell>
              <Cell mono>{e.action}</Cell>
              <td className="px-4 py-2">{e.target}</td>
              <td className="max-w-md truncate px-4 py-2 font-mono text-xs text-zinc-500" title={e.detail ?? ""}>
                {e.detail ?? ""}
              </td>
            </tr>
          ))}
        </SimpleTable>
      )}
      {events.length === PAGE ? (
        <Link href={`/settings/audit?before=${events.at(-1)!.id}`} className="text-sm text-indigo-600 hover:underline">
          Older changes →
        </Link>
      ) : null}
    </div>
  );
}
