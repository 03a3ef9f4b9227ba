// Where each provider lives and which key it takes, read from env once per process.
// A workspace's stored provider keys take precedence (workspace-keys.ts); env is the fallback.
import { PROVIDERS, type ProviderSpec, type WireFormat, isKnownProvider } from "./catalog";

export interface ProviderConfig {
  id: string;
  format: WireFormat;
  baseUrl: string;
  apiKey?: string;
  keyOptional: boolean;
  pricingId: string;
  /** Whether the gateway may add stream_options.include_usage to streamed requests. */
  acceptsStreamOptions: boolean;
  /** Azure OpenAI: api-version query parameter and api-key header. */
  azureApiVersion?: string;
  /**
   * The base URL was typed in by a workspace member (Settings → Providers), not configured by the
   * operator: calls may reach public addresses only (lib/net/public-address.ts).
   */
  memberSupplied?: boolean;
}

type Env = Record<string, string | undefined>;

const trimSlash = (url: string) => url.replace(/\/+$/, "");

export function fromSpec(id: string, spec: ProviderSpec, env: Env): ProviderConfig | undefined {
  const baseUrl = env[`${spec.env}_BASE_URL`] ?? spec.defaultBaseUrl;
  if (!baseUrl) return undefined;
  return {
    id,
    format: spec.format,
    baseUrl: trimSlash(baseUrl),
    apiKey: env[`${spec.env}_API_KEY`] || undefined,
    keyOptional: spec.keyOptional ?? false,
    pricingId: spec.pricingId ?? id,
    acceptsStreamOptions: spec.acceptsStreamOptions ?? true,
    azureApiVersion: id === "azure" ? (env.AZURE_OPENAI_API_VERSION ?? "2024-10-21") : undefined,
  };
}

/**
 * Custom OpenAI-compatible providers: TOLLGATE_PROVIDERS="lab=http://10.0.0.5:8000/v1,edge=https://…/v1".
 * Each takes its key from <NAME>_API_KEY (upper-cased, dashes as underscores), if it needs one.
 */
/** An OpenAI-compatible server Tollgate knows nothing about: no stream_options, key optional. */
export const customProvider = (id: string, baseUrl: string, apiKey?: string): ProviderConfig => ({
  id,
  format: "openai",
  baseUrl: trimSlash(baseUrl),
  apiKey,
  keyOptional: true,
  pricingId: id,
  acceptsStreamOptions: false,
});

function customProviders(env: Env): ProviderConfig[] {
  const list = env.TOLLGATE_PROVIDERS?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
  return list.flatMap((entry) => {
    const eq = entry.indexOf("=");
    const id = entry.slice(0, eq).trim().toLowerCase();
    const baseUrl = entry.slice(eq + 1).trim();
    if (eq <= 0 || !/^[a-z0-9-]+$/.test(id) || !/^https?:\/\//.test(baseUrl) || isKnownProvider(id)) return [];
    const key = env[`${id.toUpperCase().replace(/-/g, "_")}_API_KEY`];
    // Unknown servers may refuse stream_options; their streams are counted from usage they send, or estimated.
    return [customProvider(id, baseUrl, key || undefined)];
  });
}

export function loadProviderConfigs(env: Env = process.env): Map<string, ProviderConfig> {
  const configs = new Map<string, ProviderConfig>();
  for (const [id, spec] of Object.entries(PROVIDERS)) {
    const config = fromSpec(id, spec, env);
    if (config) configs.set(id, config);
  }
  for (const config of customProviders(env)) configs.set(config.id, config);
  return configs;
}
