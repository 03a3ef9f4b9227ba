import Link from "next/link";
import { AlertForm } from "@/components/settings/alert-form";
import { RowActions } from "@/components/settings/row-actions";
import { Refusal } from "@/components/settings/refusal";
import { SettingsNav } from "@/components/settings/settings-nav";
import { TestButton } from "@/components/settings/test-button";
import { Cell, SimpleTable } from "@/components/ui/table";
import { rotateSecret } from "@/lib/actions/alerts";
import { propertyKeys } from "@/lib/analytics/properties";
import { lastDays } from "@/lib/analytics/time-range";
import { describeCondition } from "@/lib/alerts/describe";
import { canManageSettings } from "@/lib/auth/roles";
import { requireMember } from "@/lib/auth/session";
import { findWorkspaceForNotices } from "@/lib/db/accounts";
import { firingGroupCounts, listAlertRules } from "@/lib/db/alert-rules";
import { listApiKeys } from "@/lib/db/api-keys";
import { alertFormValues } from "@/lib/settings/alert-form";

export const metadata = { title: "Alerts" };

const NEW_ALERT = { name: "", metric: "spend", comparison: "gt", threshold: "", window: "calendar_day", minRequests: "0", cooldownMinutes: "15" };

export default async function AlertsPage({ searchParams }: { searchParams: Promise<{ edit?: string; saved?: string; error?: string }> }) {
  const { workspace, role } = await requireMember();
  const { edit, saved, error } = await searchParams;
  const manager = canManageSettings(role);
  const [rules, firing, keys, properties, notices] = await Promise.all([
    listAlertRules(workspace.id),
    firingGroupCounts(workspace.id),
    manager ? listApiKeys(workspace.id) : Promise.resolve([]),
    manager ? propertyKeys(workspace.id, lastDays(30)) : Promise.resolve([]),
    manager ? findWorkspaceForNotices(workspace.id) : Promise.resolve(null),
  ]);
  const editing = edit ? rules.find((r) => r.id === edit) : undefined;
  const savedRule = saved ? rules.find((r) => r.id === saved) : undefined;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Alerts</h1>
        <p className="text-sm text-zinc-500">Checked every minute. An alert fires once when its condition becomes true and resolves once it has been clear for its cooldown.</p>
      </div>
      <SettingsNav current="/settings/alerts" />
      <Refusal message={error} />
      {savedRule ? <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">Saved “{savedRule.name}”.</p> : null}
      {rules.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">
          No alerts yet. {manager ? "Create one below, for example daily spend above $50 by email, Slack or webhook." : "Ask a workspace owner or admin to create one."}
        </p>
      ) : (
        <SimpleTable caption={`${rules.length} alert${rules.length === 1 ? "" : "s"}`} head={["Name", "Condition", "Channels", "State", ...(manager ? ["", ""] : [])]}>
          {rules.map((rule) => (
            <tr key={rule.id} className={rule.enabled ? "" : "text-zinc-400"}>
              <Cell>{rule.name}</Cell>
              <td className="px-4 py-2">{describeCondition(rule)}</td>
              <td className="px-4 py-2 text-xs">{[...rule.channels.emails, rule.channels.slackWebhookUrl ? "Slack" : null, rule.channels.webhookUrl ? "webhook" : null].filter(Boolean).join(", ") || "history only"}</td>
              <Cell>{!rule.enabled ? "disabled" : firing.get(rule.id) ? <span className="font-semibold text-red-600">firing{rule.groupBy ? ` (${firing.get(rule.id)})` : ""}</span> : "ok"}</Cell>
              {manager ? (
                <>
                  <td className="px-4 py-2">
                    <RowActions kind="alert" id={rule.id} name={rule.name} enabled={rule.enabled} editHref={`/settings/alerts?edit=${rule.id}`} />
                  </td>
                  <td className="px-4 py-2">
                    <TestButton id={rule.id} name={rule.name} />
                  </td>
                </>
              ) : null}
            </tr>
          ))}
        </SimpleTable>
      )}
      {manager ? (
        <AlertForm key={editing?.id ?? "new"} initial={editing ? alertFormValues(editing) : NEW_ALERT} apiKeys={keys.filter((k) => !k.revokedAt).map((k) => ({ id: k.id, label: `${k.name} (${k.prefix}…)` }))} propertyKeys={properties} />
      ) : null}
      <p className="text-sm text-zinc-500">
        “Today” and “this month” start at midnight in the workspace&apos;s time zone, {workspace.timeZone} (set under{" "}
        <Link href="/settings/workspace" className="text-indigo-600 hover:underline">
          Workspace
        </Link>
        ).
      </p>
      {notices ? (
        <section className="space-y-2 rounded-lg border border-zinc-200 bg-white p-5 text-sm dark:border-zinc-800 dark:bg-zinc-900" aria-label="Webhook signing secret">
          <h2 className="font-semibold">Webhook signing secret</h2>
          <p className="text-zinc-500">
            Every webhook carries <code>Tollgate-Signature: t=&lt;unix time&gt;,v1=&lt;hex&gt;</code>, an HMAC-SHA256 of <code>&lt;t&gt;.&lt;raw body&gt;</code> under this secret. docs/alerts.md shows how to check it.
          </p>
          <details>
            <summary className="cursor-pointer text-indigo-600">Show the secret</summary>
            <code className="mt-2 block break-all rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-800">{notices.webhookSecret}</code>
          </details>
          <form action={rotateSecret}>
            <button type="submit" className="text-xs text-red-600 hover:underline">
              Rotate the secret (receivers must switch to the new one)
            </button>
          </form>
        </section>
      ) : null}
    </div>
  );
}
