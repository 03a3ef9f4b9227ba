// A workspace price as Settings → Pricing takes it: USD per million tokens, stored exactly as
// nano-USD per million tokens.
import { z } from "zod";
import { type FormValues, number } from "../settings/forms";

const usdPerMTok = (what: string) => z.number(`Enter the ${what} price in USD per million tokens`).finite().min(0, "A price cannot be negative").max(1_000_000, "At most $1,000,000 per million tokens");
const toNano = (usd: number) => BigInt(Math.round(usd * 1e9));

export const priceOverrideSchema = z
  .object({
    provider: z.string().trim().min(1, "Pick the provider").max(100).regex(/^[a-z0-9-]+$/, "A provider id: lowercase letters, digits and dashes"),
    model: z.string().trim().min(1, "Name the model as the provider knows it").max(200, "At most 200 characters"),
    input: usdPerMTok("input"),
    output: usdPerMTok("output"),
    cachedInput: usdPerMTok("cached input").optional(),
    cacheWrite: usdPerMTok("cache write").optional(),
  })
  .transform((p) => ({
    provider: p.provider,
    model: p.model,
    inputNanoPerMTok: toNano(p.input),
    outputNanoPerMTok: toNano(p.output),
    cachedInputNanoPerMTok: p.cachedInput === undefined ? null : toNano(p.cachedInput),
    cacheWriteNanoPerMTok: p.cacheWrite === undefined ? null : toNano(p.cacheWrite),
  }));

/** A form's text fields as the schema's input (empty optional prices stay unset). */
export function priceInputOf(values: FormValues): unknown {
  return { provider: values.provider ?? "", model: values.model ?? "", input: number(values.input), output: number(values.output), cachedInput: number(values.cachedInput), cacheWrite: number(values.cacheWrite) };
}

export const nanoPerMTokToUsd = (nano: bigint | null) => (nano === null ? "" : String(Number(nano) / 1e9));
