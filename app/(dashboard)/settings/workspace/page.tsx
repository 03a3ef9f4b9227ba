import { SettingsNav } from "@/components/settings/settings-nav";
import { TimeZoneForm } from "@/components/settings/time-zone-form";
import { DeleteWorkspaceForm, WorkspaceNameForm } from "@/components/settings/workspace-settings-forms";
import { canManageSettings } from "@/lib/auth/roles";
import { requireMember } from "@/lib/auth/session";

export const metadata = { title: "Workspace" };

const section = "space-y-3 rounded-lg border border-zinc-200 bg-white p-5 text-sm dark:border-zinc-800 dark:bg-zinc-900";

export default async function WorkspaceSettingsPage() {
  const { workspace, role } = await requireMember();
  const manager = canManageSettings(role);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Workspace</h1>
        <p className="text-sm text-zinc-500">
          {workspace.name} · <code>{workspace.slug}</code> · time zone {workspace.timeZone} · you are {role === "owner" || role === "admin" ? "an" : "a"} {role}
        </p>
      </div>
      <SettingsNav current="/settings/workspace" />
      {manager ? (
        <>
          <section className={section} aria-label="Name">
            <WorkspaceNameForm name={workspace.name} />
          </section>
          <section className={section} aria-label="Time zone">
            <p className="text-zinc-500">Alerts and budgets on “today” and “this month” start at midnight in this zone.</p>
            <TimeZoneForm timeZone={workspace.timeZone} zones={Intl.supportedValuesOf("timeZone")} />
          </section>
        </>
      ) : (
        <p className="text-sm text-zinc-500">Owners and admins change the workspace&apos;s name and time zone.</p>
      )}
      {role === "owner" ? (
        <section className="space-y-3 rounded-lg border border-red-300 bg-white p-5 text-sm dark:border-red-900 dark:bg-zinc-900" aria-label="Danger zone">
          <h2 className="font-semibold text-red-600">Delete this workspace</h2>
          <p className="text-zinc-500">
            Everyone loses access at once: its API keys stop working, its provider keys are erased, its alerts and budgets stop. Its requests, rollups and settings are then removed by the next purge run (hourly). This cannot be undone.
          </p>
          <DeleteWorkspaceForm name={workspace.name} />
        </section>
      ) : null}
    </div>
  );
}
