// Model name → provider. An explicit "provider/model" prefix always wins; otherwise the
// model's own name decides (catalog.ts).
import { providerForModel } from "./catalog";
import type { ProviderConfig } from "./config";

export interface ResolvedModel {
  provider: ProviderConfig;
  /** The name the provider knows the model by (prefix removed). */
  model: string;
}

export type Resolution = { ok: true; value: ResolvedModel } | { ok: false; message: string };

export function resolveModel(requested: string, providers: Map<string, ProviderConfig>): Resolution {
  const slash = requested.indexOf("/");
  if (slash > 0) {
    const prefix = requested.slice(0, slash).toLowerCase();
    const provider = providers.get(prefix);
    if (provider) return { ok: true, value: { provider, model: requested.slice(slash + 1) } };
  }
  const id = providerForModel(requested);
  const provider = id && providers.get(id);
  if (provider) return { ok: true, value: { provider, model: requested } };
  const known = [...providers.keys()].join(", ");
  return {
    ok: false,
    message: `Tollgate cannot tell which provider serves the model "${requested}". Prefix it with a provider, as in "groq/llama-3.3-70b-versatile"; known providers: ${known}.`,
  };
}
