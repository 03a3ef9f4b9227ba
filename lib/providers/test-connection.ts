// "Test connection" in Settings → Providers: lists the provider's models with the key, the
// cheapest authenticated call every supported API offers, and reports what came back.
import { Agent, request } from "undici";
import { guardedAgent } from "../net/public-address";
import type { ProviderConfig } from "./config";

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

const tryJson = (text: string): { data?: unknown[]; error?: { message?: string } } => {
  try {
    return JSON.parse(text) as { data?: unknown[]; error?: { message?: string } };
  } catch {
    return {};
  }
};

function authHeaders(provider: ProviderConfig): Record<string, string> {
  if (!provider.apiKey) return {};
  if (provider.format === "anthropic") return { "x-api-key": provider.apiKey, "anthropic-version": "2023-06-01" };
  if (provider.azureApiVersion) return { "api-key": provider.apiKey };
  return { authorization: `Bearer ${provider.apiKey}` };
}

export async function testConnection(provider: ProviderConfig, allowPrivate = process.env[PRIVATE_PROVIDERS_SWITCH] === "1"): Promise<ConnectionResult> {
  const dispatcher = provider.memberSupplied && !allowPrivate ? publicOnly : anywhere;
  const url = provider.format === "anthropic" ? `${provider.baseUrl}/v1/models` : `${provider.baseUrl}/models${provider.azureApiVersion ? `?api-version=${provider.azureApiVersion}` : ""}`;
  try {
    const response = await request(url, { dispatcher, headers: authHeaders(provider), headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const text = await response.body.text();
    if (response.statusCode >= 200 && response.statusCode < 300) {
      const count = tryJson(text).data?.length;
      return { ok: true, message: count === undefined ? `Connected (HTTP ${response.statusCode})` : `Connected: ${count} models available` };
    }
    const error = tryJson(text).error?.message;
    return { ok: false, message: `HTTP ${response.statusCode}${error ? `: ${error.slice(0, 300)}` : ""}` };
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    return { ok: false, message: `Could not reach ${new URL(url).host}: ${cause?.message ?? (error as Error).message}` };
  }
}
