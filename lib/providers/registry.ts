// Model name → provider, in every form callers write it: "provider/model" (a prefix always
// wins), Helicone's AI-gateway "model/provider", and a bare name whose own shape decides
// (catalog.ts). Registry names are mapped to the provider's id (aliases.ts).
import { canonicalModel } from "./aliases";
import { providerForModel } from "./catalog";
import { closeMatches } from "./close-matches";
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
    if (provider) return { ok: true, value: { provider, model: canonicalModel(requested.slice(slash + 1), provider.id) } };
  }
  const last = requested.lastIndexOf("/");
  if (last > 0) {
    const suffix = requested.slice(last + 1).toLowerCase();
    const provider = providers.get(suffix);
    if (provider) return { ok: true, value: { provider, model: canonicalModel(requested.slice(0, last), provider.id) } };
  }
  const model = canonicalModel(requested);
  const id = providerForModel(model);
  const provider = id && providers.get(id);
  if (provider) return { ok: true, value: { provider, model } };
  const known = [...providers.keys()].join(", ");
  const near = closeMatches(requested, providers);
  return {
    ok: false,
    message: `Tollgate cannot tell which provider serves the model "${requested.slice(0, 200)}".${near.length ? ` Did you mean ${near.map((m) => `"${m}"`).join(", ")}?` : ""} Prefix it with a provider, as in "groq/llama-3.3-70b-versatile"; known providers: ${known}.`,
  };
}
