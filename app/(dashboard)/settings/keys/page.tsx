import { KeyActions } from "@/components/settings/key-actions";
import { KeyForm } from "@/components/settings/key-form";
import { Refusal } from "@/components/settings/refusal";
import { SettingsNav } from "@/components/settings/settings-nav";
import { Cell, SimpleTable } from "@/components/ui/table";
import { canCreateKeys, canManageKey } from "@/lib/auth/roles";
import { requireMember } from "@/lib/auth/session";
import { listApiKeysWithCreators } from "@/lib/db/api-keys";
import { listBudgets } from "@/lib/db/budgets";
import { keyRateLimits } from "@/lib/db/rate-limit-rules";
import { formatDollars } from "@/lib/format";

export const metadata = { title: "API keys" };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

export default async function KeysPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const member = await requireMember();
  const keys = await listApiKeysWithCreators(member.workspace.id);
  const [limits, budgets] = await Promise.all([keyRateLimits(member.workspace.id, keys.map((k) => k.id)), listBudgets(member.workspace.id)]);
  const limitOf = new Map(limits.map((r) => [r.scopeValue, `${r.quota} ${r.unit}/${r.windowSeconds === 60 ? "min" : `${r.windowSeconds} s`}`]));
  const budgetOf = new Map(budgets.filter((b) => b.scope === "api_key" && b.scopeValue).map((b) => [b.scopeValue, `${formatDollars(b.limitUsd)}/${b.period}`]));
  const now = new Date();

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="text-sm text-zinc-500">Tollgate keys (<code>tg_…</code>) authenticate calls to the gateway and the API. Only a key&apos;s prefix is kept in view; its secret is shown once.</p>
      </div>
      <SettingsNav current="/settings/keys" />
      <Refusal message={error} />
      <SimpleTable caption={`${keys.length} key${keys.length === 1 ? "" : "s"}`} head={["Name", "Key", "Created by", "Created", "Last used", "Expires", "Models", "Limits", "Status", ""]}>
        {keys.map((key) => {
          const status = key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt <= now ? "expired" : "active";
          const models = key.allowedModels ? (JSON.parse(key.allowedModels) as string[]).join(", ") : "all";
          const keyLimits = [limitOf.get(key.id), budgetOf.get(key.id)].filter(Boolean).join(" · ") || "—";
          return (
            <tr key={key.id} className={status === "active" ? "" : "text-zinc-400"}>
              <Cell>{key.name}</Cell>
              <Cell mono>{key.prefix}…</Cell>
              <Cell>{key.createdBy?.email ?? "—"}</Cell>
              <Cell>{day(key.createdAt)}</Cell>
              <Cell>{key.lastUsedAt ? key.lastUsedAt.toISOString().replace("T", " ").slice(0, 16) : "never"}</Cell>
              <Cell>{day(key.expiresAt)}</Cell>
              <td className="px-4 py-2 text-xs">{models}</td>
              <td className="px-4 py-2 text-xs">{keyLimits}</td>
              <Cell>{status}</Cell>
              <td className="px-4 py-2">{status !== "revoked" && canManageKey(member, key) ? <KeyActions id={key.id} name={key.name} /> : null}</td>
            </tr>
          );
        })}
      </SimpleTable>
      {canCreateKeys(member.role) ? <KeyForm /> : <p className="text-sm text-zinc-500">Viewers cannot create keys.</p>}
    </div>
  );
}
