// "Test connection" in Settings → Providers: lists the provider's models with the key and
// reports what came back.
import { Agent } from "undici";
import { guardedAgent } from "../net/public-address";
import type { ProviderConfig } from "./config";
import { fetchModelList } from "./model-list";

/** The operator's switch that lets members' provider base URLs reach private addresses. */
export const PRIVATE_PROVIDERS_SWITCH = "TOLLGATE_ALLOW_PRIVATE_PROVIDERS";
const publicOnly = guardedAgent(PRIVATE_PROVIDERS_SWITCH, { keepAliveTimeout: 1000 });
const anywhere = new Agent({ keepAliveTimeout: 1000 });

export interface ConnectionResult {
  ok: boolean;
  /** What to tell the person: the model count, or the provider's own error. */
  message: string;
}

const TIMEOUT_MS = 10_000;

export async function testConnection(provider: ProviderConfig, allowPrivate = process.env[PRIVATE_PROVIDERS_SWITCH] === "1"): Promise<ConnectionResult> {
  const dispatcher = provider.memberSupplied && !allowPrivate ? publicOnly : anywhere;
  const list = await fetchModelList(provider, provider.apiKey, dispatcher, TIMEOUT_MS);
  if (!list.ok) return { ok: false, message: list.message };
  return { ok: true, message: list.ids === undefined ? `Connected (HTTP ${list.status})` : `Connected: ${list.ids.length} models available` };
}
