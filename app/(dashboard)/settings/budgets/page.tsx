import { BudgetForm } from "@/components/settings/budget-form";
import { RowActions } from "@/components/settings/row-actions";
import { Refusal } from "@/components/settings/refusal";
import { SettingsNav } from "@/components/settings/settings-nav";
import { Cell, SimpleTable } from "@/components/ui/table";
import { propertyKeys } from "@/lib/analytics/properties";
import { lastDays } from "@/lib/analytics/time-range";
import { describeScope } from "@/lib/budgets/budgets";
import { budgetView } from "@/lib/budgets/view";
import { canManageSettings } from "@/lib/auth/roles";
import { requireMember } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/db/api-keys";
import { listBudgets } from "@/lib/db/budgets";
import { formatDollars } from "@/lib/format";
import { budgetFormValues } from "@/lib/settings/budget-form";

export const metadata = { title: "Budgets" };

const NEW_BUDGET = { name: "", scope: "workspace", period: "month", action: "block", notifyAtPercent: "80, 100" };

function Meter({ percent }: { percent: number }) {
  const color = percent >= 100 ? "bg-red-500" : percent >= 80 ? "bg-amber-500" : "bg-emerald-500";
  return (
    <div className="h-2 w-32 rounded bg-zinc-200 dark:bg-zinc-800" role="meter" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label="Share of the budget used">
      <div className={`h-2 rounded ${color}`} style={{ width: `${Math.min(100, percent)}%` }} />
    </div>
  );
}

export default async function BudgetsPage({ searchParams }: { searchParams: Promise<{ edit?: string; saved?: string; error?: string }> }) {
  const { workspace, role } = await requireMember();
  const { edit, saved, error } = await searchParams;
  const manager = canManageSettings(role);
  const [budgets, keys, properties] = await Promise.all([listBudgets(workspace.id), manager ? listApiKeys(workspace.id) : Promise.resolve([]), manager ? propertyKeys(workspace.id, lastDays(30)) : Promise.resolve([])]);
  const views = await Promise.all(budgets.map((b) => budgetView(workspace.id, b)));
  const editing = edit ? budgets.find((b) => b.id === edit) : undefined;
  const savedBudget = saved ? budgets.find((b) => b.id === saved) : undefined;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Budgets</h1>
        <p className="text-sm text-zinc-500">
          Hard limits in USD. While a budget is used up, the gateway answers matching calls with 429 <code>budget_exceeded</code> until the day or month ends ({workspace.timeZone}). Each call reserves the most it can cost, so bursts never overspend.
        </p>
      </div>
      <SettingsNav current="/settings/budgets" />
      <Refusal message={error} />
      {savedBudget ? <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">Saved “{savedBudget.name}”. The gateway applies it within seconds.</p> : null}
      {views.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">No budgets yet. {manager ? "Create one below." : "Ask a workspace owner or admin to create one."}</p>
      ) : (
        <SimpleTable caption={`${views.length} budget${views.length === 1 ? "" : "s"}`} head={["Name", "Applies to", "Limit", "Used this period", "When reached", ...(manager ? [""] : [])]}>
          {views.map((b) => (
            <tr key={b.id} className={b.enabled ? "" : "text-zinc-400"}>
              <Cell>{b.name}</Cell>
              <Cell>{describeScope(b)}</Cell>
              <Cell>
                {formatDollars(b.limitUsd)} / {b.period}
              </Cell>
              <td className="px-4 py-2">
                {b.currentPeriod.spent.length === 0 ? (
                  <span className="text-zinc-500">nothing yet</span>
                ) : (
                  <ul className="space-y-1">
                    {b.currentPeriod.spent.map((s) => (
                      <li key={s.scopeValue} className="flex items-center gap-2 text-xs">
                        <Meter percent={s.percent} />
                        <span className="tabular-nums">
                          {formatDollars(s.spentUsd)} ({s.percent}%)
                        </span>
                        {b.scopeValue === null && b.scope !== "workspace" ? <span className="text-zinc-500">{s.scopeValue}</span> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <Cell>{b.action === "block" ? "block" : "notify only"}</Cell>
              {manager ? (
                <td className="px-4 py-2">
                  <RowActions kind="budget" id={b.id} name={b.name} enabled={b.enabled} editHref={`/settings/budgets?edit=${b.id}`} />
                </td>
              ) : null}
            </tr>
          ))}
        </SimpleTable>
      )}
      {manager ? <BudgetForm key={editing?.id ?? "new"} initial={editing ? budgetFormValues(editing) : NEW_BUDGET} apiKeys={keys.filter((k) => !k.revokedAt).map((k) => ({ id: k.id, label: `${k.name} (${k.prefix}…)` }))} propertyKeys={properties} /> : null}
    </div>
  );
}
