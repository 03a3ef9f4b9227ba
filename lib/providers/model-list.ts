// A provider's own list of the models a key may call (GET /models; Anthropic's GET /v1/models):
// the cheapest authenticated call every supported API offers.
import { type Dispatcher, request } from "undici";
import type { ProviderConfig } from "./config";

export type ModelList = { ok: true; ids: string[] | undefined; status: number } | { ok: false; status?: number; message: string };

const tryJson = (text: string): { data?: { id?: unknown }[]; error?: { message?: string } } => {
  try {
    return JSON.parse(text) as { data?: { id?: unknown }[]; error?: { message?: string } };
  } catch {
    return {};
  }
};

function authHeaders(provider: ProviderConfig, key: string | undefined): Record<string, string> {
  if (!key) return {};
  if (provider.format === "anthropic") return { "x-api-key": key, "anthropic-version": "2023-06-01" };
  if (provider.azureApiVersion) return { "api-key": key };
  return { authorization: `Bearer ${key}` };
}

export function modelListUrl(provider: ProviderConfig): string {
  if (provider.format === "anthropic") return `${provider.baseUrl}/v1/models?limit=1000`;
  return `${provider.baseUrl}/models${provider.azureApiVersion ? `?api-version=${provider.azureApiVersion}` : ""}`;
}

/** The provider's model ids (undefined when it answers without a list), or why it could not be read. */
export async function fetchModelList(provider: ProviderConfig, key: string | undefined, dispatcher: Dispatcher, timeoutMs: number): Promise<ModelList> {
  const url = modelListUrl(provider);
  try {
    const response = await request(url, { dispatcher, headers: authHeaders(provider, key), headersTimeout: timeoutMs, bodyTimeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs) });
    const json = tryJson(await response.body.text());
    if (response.statusCode >= 200 && response.statusCode < 300) {
      const ids = json.data?.map((m) => m.id).filter((id): id is string => typeof id === "string");
      return { ok: true, ids, status: response.statusCode };
    }
    const error = json.error?.message;
    return { ok: false, status: response.statusCode, message: `HTTP ${response.statusCode}${error ? `: ${error.slice(0, 300)}` : ""}` };
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    return { ok: false, message: `Could not reach ${new URL(url).host}: ${cause?.message ?? (error as Error).message}` };
  }
}
