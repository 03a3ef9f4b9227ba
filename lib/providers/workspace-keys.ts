// A workspace's provider keys (Settings → Providers) laid over the env configuration: a stored
// key, and base URL if given, replace the env ones for that workspace's calls; a stored custom
// provider adds an OpenAI-compatible target called as "<slug>/<model>".
import { decryptSecret } from "../auth/vault";
import { PROVIDERS, isKnownProvider } from "./catalog";
import { type ProviderConfig, customProvider, fromSpec } from "./config";

/** Built-in providers a key can be stored for, in the order the settings page lists them. */
export const KEYED_PROVIDERS = Object.keys(PROVIDERS).filter((id) => id !== "ollama" && id !== "vllm");
export const CUSTOM = "custom";

export interface StoredProviderKey {
  provider: string;
  /** A label for built-in providers; the routing slug for a custom one. */
  name: string;
  baseUrl: string | null;
  encryptedKey: string;
}

export function withWorkspaceKeys(base: Map<string, ProviderConfig>, stored: StoredProviderKey[], secret: string | undefined, onUnreadable: (provider: string) => void = () => {}): Map<string, ProviderConfig> {
  if (stored.length === 0) return base;
  const merged = new Map(base);
  for (const row of stored) {
    let apiKey: string;
    try {
      if (!secret) throw new Error("TOLLGATE_SECRET is not set");
      apiKey = decryptSecret(row.encryptedKey, secret);
    } catch {
      onUnreadable(row.provider); // encrypted under another TOLLGATE_SECRET: the env key stays in use
      continue;
    }
    if (row.provider === CUSTOM) {
      if (!isKnownProvider(row.name) && row.baseUrl) merged.set(row.name, { ...customProvider(row.name, row.baseUrl, apiKey), memberSupplied: true });
      continue;
    }
    if (!isKnownProvider(row.provider)) continue;
    const start = base.get(row.provider) ?? (row.baseUrl ? fromSpec(row.provider, PROVIDERS[row.provider], { [`${PROVIDERS[row.provider].env}_BASE_URL`]: row.baseUrl }) : undefined);
    if (!start) continue; // a provider with no base URL anywhere (Azure): nothing to call
    merged.set(row.provider, { ...start, apiKey, ...(row.baseUrl ? { baseUrl: row.baseUrl.replace(/\/+$/, ""), memberSupplied: true } : {}) });
  }
  return merged;
}
