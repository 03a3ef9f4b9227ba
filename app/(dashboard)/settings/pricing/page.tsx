import Link from "next/link";
import { PriceForm } from "@/components/settings/price-form";
import { Refusal } from "@/components/settings/refusal";
import { SettingsNav } from "@/components/settings/settings-nav";
import { Cell, SimpleTable } from "@/components/ui/table";
import { deletePriceAction } from "@/lib/actions/pricing";
import { lastDays } from "@/lib/analytics/time-range";
import { unpricedModels } from "@/lib/analytics/unpriced";
import { canManageSettings } from "@/lib/auth/roles";
import { requireMember } from "@/lib/auth/session";
import { listPriceOverrides } from "@/lib/db/price-overrides";
import { formatCount } from "@/lib/format";
import { nanoPerMTokToUsd } from "@/lib/pricing/override-schema";

export const metadata = { title: "Pricing" };

const usd = (nano: bigint | null) => (nano === null ? "—" : `$${nanoPerMTokToUsd(nano)}`);

export default async function PricingPage({ searchParams }: { searchParams: Promise<{ provider?: string; model?: string; error?: string }> }) {
  const { workspace, role } = await requireMember();
  const manager = canManageSettings(role);
  const { provider, model, error } = await searchParams;
  const [overrides, unpriced] = await Promise.all([listPriceOverrides(workspace.id), unpricedModels(workspace.id, lastDays(30))]);
  const editing = overrides.find((o) => o.provider === provider && o.model === model);
  const initial: Record<string, string> = editing
    ? { provider: editing.provider, model: editing.model, input: nanoPerMTokToUsd(editing.inputNanoPerMTok), output: nanoPerMTokToUsd(editing.outputNanoPerMTok), cachedInput: nanoPerMTokToUsd(editing.cachedInputNanoPerMTok), cacheWrite: nanoPerMTokToUsd(editing.cacheWriteNanoPerMTok) }
    : { provider: provider ?? "", model: model ?? "" };

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Pricing</h1>
        <p className="text-sm text-zinc-500">Costs come from the bundled pricing data. Set your own price for negotiated rates, fine-tunes or self-hosted models; it applies to new calls.</p>
      </div>
      <SettingsNav current="/settings/pricing" />
      <Refusal message={error} />
      {unpriced.length > 0 ? (
        <SimpleTable caption="Unpriced models seen in the last 30 days" head={["Provider", "Model", "Requests", "Last seen", ...(manager ? [""] : [])]}>
          {unpriced.map((u) => (
            <tr key={`${u.provider}/${u.model}`}>
              <Cell>{u.provider}</Cell>
              <Cell mono>{u.model}</Cell>
              <Cell>{formatCount(u.requests)}</Cell>
              <Cell>{u.lastSeen.toISOString().slice(0, 10)}</Cell>
              {manager ? (
                <Cell>
                  <Link href={`/settings/pricing?${new URLSearchParams({ provider: u.provider, model: u.model })}#set-price`} className="text-indigo-600 hover:underline" aria-label={`Set a price for ${u.model}`}>
                    Set price
                  </Link>
                </Cell>
              ) : null}
            </tr>
          ))}
        </SimpleTable>
      ) : (
        <p className="text-sm text-zinc-500">Every model called in the last 30 days has a price.</p>
      )}
      {overrides.length > 0 ? (
        <SimpleTable caption="Your prices (USD per million tokens)" head={["Provider", "Model", "Input", "Output", "Cached input", ...(manager ? ["", ""] : [])]}>
          {overrides.map((o) => (
            <tr key={o.id}>
              <Cell>{o.provider}</Cell>
              <Cell mono>{o.model}</Cell>
              <Cell>{usd(o.inputNanoPerMTok)}</Cell>
              <Cell>{usd(o.outputNanoPerMTok)}</Cell>
              <Cell>{usd(o.cachedInputNanoPerMTok)}</Cell>
              {manager ? (
                <>
                  <Cell>
                    <Link href={`/settings/pricing?${new URLSearchParams({ provider: o.provider, model: o.model })}#set-price`} className="text-indigo-600 hover:underline">
                      Edit
                    </Link>
                  </Cell>
                  <td className="px-4 py-2">
                    <form action={deletePriceAction}>
                      <input type="hidden" name="id" value={o.id} />
                      <button type="submit" className="text-xs text-red-600 hover:underline" aria-label={`Remove the price of ${o.model}`}>
                        Remove
                      </button>
                    </form>
                  </td>
                </>
              ) : null}
            </tr>
          ))}
        </SimpleTable>
      ) : null}
      {manager ? <PriceForm key={`${initial.provider}/${initial.model}`} initial={initial} /> : null}
    </div>
  );
}
