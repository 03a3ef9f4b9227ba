// Helicone-Fallback-*: the models to try, in order, when the requested one fails.
//   Helicone-Fallback-Model: gpt-4o-mini,claude-haiku-4-5   (the seed's form; a chain)
//   Helicone-Fallback-OnCodes: 429,500,503                  (default 429,500,502,503,504)
//   Helicone-Fallbacks: [{"target-url": "https://api.openai.com", "headers": {"Authorization": "Bearer …"},
//                         "onCodes": [429, {"from": 500, "to": 599}], "bodyKeyOverride": {"model": "gpt-4o-mini"}}, …]
// Helicone's JSON form lists every target, the first included; an entry's onCodes say when to
// move on from it to the next.
import { z } from "zod";
import type { ProviderConfig } from "../providers/config";
import { badRequest } from "./errors";
import type { GatewayRequest } from "./http";
import { header } from "./http";

export const DEFAULT_FALLBACK_CODES = [429, 500, 502, 503, 504];

export interface FallbackPlan {
  /** True for the JSON form, whose first entry replaces the requested target. */
  replacesPrimary: boolean;
  steps: FallbackStep[];
}

export interface FallbackStep {
  /** Model to call; undefined keeps the requested one. */
  model?: string;
  /** For the JSON form: the configured provider its target-url names, and the key it brings. */
  provider?: ProviderConfig;
  apiKey?: string;
  /** Statuses of the previous attempt that lead to this step. */
  onCodes: number[];
}

function parseCodes(raw: string | undefined, name: string): number[] {
  if (raw === undefined || raw.trim() === "") return DEFAULT_FALLBACK_CODES;
  const codes = raw.split(",").map((c) => Number(c.trim()));
  if (codes.some((c) => !Number.isInteger(c) || c < 400 || c > 599)) {
    throw badRequest(`${name} must list HTTP error codes, like 429,500,503; got "${raw}".`, name, "invalid_fallback_header");
  }
  return codes;
}

const jsonForm = z.array(
  z.object({
    "target-url": z.string().url().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    onCodes: z.array(z.union([z.number().int().min(400).max(599), z.object({ from: z.number().int().min(400), to: z.number().int().max(599) })])).optional(),
    bodyKeyOverride: z.object({ model: z.string().min(1).optional() }).optional(),
  }),
).max(10);

const bearer = (value: string | undefined) => value?.replace(/^Bearer\s+/i, "").trim() || undefined;

/**
 * Helicone's JSON form names providers by URL. Only configured providers qualify: a header must
 * not be able to point the gateway at arbitrary hosts.
 */
function providerFor(url: string, providers: Map<string, ProviderConfig>): ProviderConfig {
  const origin = new URL(url).origin;
  for (const p of providers.values()) if (new URL(p.baseUrl).origin === origin) return p;
  throw badRequest(`Helicone-Fallbacks target-url ${origin} is not a configured provider.`, "helicone-fallbacks", "invalid_fallback_header");
}

const expand = (codes: (number | { from: number; to: number })[]) =>
  codes.flatMap((c) => (typeof c === "number" ? [c] : Array.from({ length: Math.max(0, c.to - c.from + 1) }, (_, i) => c.from + i)));

export function readFallbacks(req: GatewayRequest, providers: Map<string, ProviderConfig>): FallbackPlan {
  const json = header(req, "helicone-fallbacks");
  if (json) {
    let parsed;
    try {
      parsed = jsonForm.parse(JSON.parse(json));
    } catch {
      throw badRequest('Helicone-Fallbacks must be a JSON array like [{"target-url": "https://api.openai.com", "onCodes": [429]}].', "helicone-fallbacks", "invalid_fallback_header");
    }
    if (parsed.length === 0) return { replacesPrimary: false, steps: [] };
    const steps = parsed.map((step, i) => ({
      model: step.bodyKeyOverride?.model,
      provider: step["target-url"] ? providerFor(step["target-url"], providers) : undefined,
      apiKey: bearer(step.headers?.Authorization ?? step.headers?.authorization) ?? step.headers?.["x-api-key"],
      // Reaching entry i takes a status listed by entry i-1.
      onCodes: i === 0 ? [] : expand(parsed[i - 1]!.onCodes ?? DEFAULT_FALLBACK_CODES),
    }));
    return { replacesPrimary: true, steps };
  }
  const models = header(req, "helicone-fallback-model")
    ?.split(",")
    .map((m) => m.trim())
    .filter(Boolean);
  if (!models?.length) return { replacesPrimary: false, steps: [] };
  if (models.length > 10) throw badRequest("Helicone-Fallback-Model lists more than 10 models.", "helicone-fallback-model", "invalid_fallback_header");
  const onCodes = parseCodes(header(req, "helicone-fallback-oncodes"), "helicone-fallback-oncodes");
  return { replacesPrimary: false, steps: models.map((model) => ({ model, onCodes })) };
}
