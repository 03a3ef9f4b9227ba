import { RetentionForm } from "@/components/settings/retention-form";
import { SettingsNav } from "@/components/settings/settings-nav";
import { canManageSettings } from "@/lib/auth/roles";
import { requireMember } from "@/lib/auth/session";
import { retentionOf } from "@/lib/db/retention";

export const metadata = { title: "Retention" };

export default async function RetentionPage() {
  const { workspace, role } = await requireMember();
  const retention = await retentionOf(workspace.id);
  const describe = (days: number | null | undefined) => (days ? `${days} days` : "forever");

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Retention</h1>
        <p className="text-sm text-zinc-500">
          An hourly job blanks prompts and responses older than the body limit and deletes rows older than the row limit a whole day (UTC) at a time, in small batches. Totals, charts and costs over old periods stay exact: they are kept in hourly rollups, which are never purged.
        </p>
      </div>
      <SettingsNav current="/settings/retention" />
      <p className="text-sm">
        Bodies are kept <strong>{describe(retention?.bodyRetentionDays)}</strong>, rows <strong>{describe(retention?.rowRetentionDays)}</strong>.
        {retention?.bodiesPurgedBefore ? ` Bodies before ${retention.bodiesPurgedBefore.toISOString().slice(0, 16).replace("T", " ")} UTC have been blanked.` : ""}
      </p>
      {canManageSettings(role) ? <RetentionForm initial={{ bodyRetentionDays: String(retention?.bodyRetentionDays ?? ""), rowRetentionDays: String(retention?.rowRetentionDays ?? "") }} /> : null}
    </div>
  );
}
