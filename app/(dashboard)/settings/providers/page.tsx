import { ProviderForm } from "@/components/settings/provider-form";
import { Refusal } from "@/components/settings/refusal";
import { SettingsNav } from "@/components/settings/settings-nav";
import { TestProvider } from "@/components/settings/test-provider";
import { Cell, SimpleTable } from "@/components/ui/table";
import { deleteProviderKeyAction } from "@/lib/actions/providers";
import { canManageSettings } from "@/lib/auth/roles";
import { requireMember } from "@/lib/auth/session";
import { keyHint } from "@/lib/auth/vault";
import { listProviderKeySummaries } from "@/lib/db/provider-keys";
import { loadProviderConfigs } from "@/lib/providers/config";
import { CUSTOM, KEYED_PROVIDERS } from "@/lib/providers/workspace-keys";

export const metadata = { title: "Providers" };

interface Row {
  provider: string;
  baseUrl: string;
  hint: string;
  source: "workspace" | "environment";
  storedId?: string;
}

export default async function ProvidersPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const { workspace, role } = await requireMember();
  const manager = canManageSettings(role);
  const stored = await listProviderKeySummaries(workspace.id);
  const env = loadProviderConfigs(process.env);
  const rows: Row[] = stored.map((k) => {
    const id = k.provider === CUSTOM ? k.name : k.provider;
    return { provider: id, baseUrl: k.baseUrl ?? env.get(id)?.baseUrl ?? "", hint: `…${k.keyHint}`, source: "workspace", storedId: k.id };
  });
  for (const [id, config] of env) {
    if (config.apiKey && !rows.some((r) => r.provider === id)) rows.push({ provider: id, baseUrl: config.baseUrl, hint: `…${keyHint(config.apiKey)}`, source: "environment" });
  }

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Providers</h1>
        <p className="text-sm text-zinc-500">
          Keys the gateway uses to call each provider for this workspace. A key saved here takes precedence over the server&apos;s environment key. Keys are stored encrypted (AES-256-GCM under <code>TOLLGATE_SECRET</code>) and never shown again; only their last four characters.
        </p>
      </div>
      <SettingsNav current="/settings/providers" />
      <Refusal message={error} />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">No provider keys yet: the gateway can only forward callers&apos; own keys (Helicone-Auth style). Add one below.</p>
      ) : (
        <SimpleTable caption="Provider keys in use" head={["Provider", "Base URL", "Key", "From", ...(manager ? ["", ""] : [])]}>
          {rows.map((r) => (
            <tr key={r.provider}>
              <Cell>{r.provider}</Cell>
              <Cell mono>{r.baseUrl}</Cell>
              <Cell mono>{r.hint}</Cell>
              <Cell>{r.source === "workspace" ? "this workspace" : "server environment"}</Cell>
              {manager ? (
                <>
                  <td className="px-4 py-2">
                    <TestProvider provider={r.provider} />
                  </td>
                  <td className="px-4 py-2">
                    {r.storedId ? (
                      <form action={deleteProviderKeyAction}>
                        <input type="hidden" name="id" value={r.storedId} />
                        <button type="submit" aria-label={`Remove the ${r.provider} key`} className="text-xs text-red-600 hover:underline">
                          Remove
                        </button>
                      </form>
                    ) : null}
                  </td>
                </>
              ) : null}
            </tr>
          ))}
        </SimpleTable>
      )}
      {manager ? <ProviderForm providers={[...KEYED_PROVIDERS.map((p) => ({ value: p, label: p })), { value: CUSTOM, label: "custom (OpenAI-compatible)" }]} /> : null}
    </div>
  );
}
