// The most a call can use before it is made: its prompt's tokens plus the output it allows
// (max_tokens, or a default ceiling), priced as the dearest of the targets it may end up on.
// Rate limits in tokens or cents and budgets reserve this, then settle to the real usage.
import { countTokens } from "gpt-tokenizer";
import { costNanoUsd } from "../pricing/cost";
import type { GatewayContext } from "./context";
import type { GatewayDeps } from "./deps";

const DEFAULT_MAX_OUTPUT_TOKENS = 4096;

function promptText(body: Record<string, unknown> | undefined): string {
  return JSON.stringify(body?.messages ?? body?.input ?? body?.prompt ?? "") + JSON.stringify(body?.system ?? "");
}

export function maxUsage(body: Record<string, unknown> | undefined): { input: number; output: number } {
  const max = Number(body?.max_completion_tokens ?? body?.max_tokens ?? DEFAULT_MAX_OUTPUT_TOKENS);
  return { input: countTokens(promptText(body)), output: Number.isFinite(max) && max > 0 ? max : DEFAULT_MAX_OUTPUT_TOKENS };
}

/** Tokenizing the prompt is costly: done once per call, whoever asks first (rate limits, budgets). */
export const maxUsageOf = (ctx: GatewayContext) => (ctx.maxUsage ??= maxUsage(ctx.body));

/** Nano-USD; 0 when no target has a known price (an unpriced model cannot be held back by cost). Computed once per call. */
export async function maxCostNano(ctx: GatewayContext, deps: GatewayDeps): Promise<number> {
  ctx.maxCostNano ??= await costOfMost(ctx, deps, maxUsageOf(ctx));
  return ctx.maxCostNano;
}

async function costOfMost(ctx: GatewayContext, deps: GatewayDeps, usage: { input: number; output: number }): Promise<number> {
  const routes = ctx.targets?.map((t) => t.route) ?? (ctx.route ? [ctx.route] : []);
  let most = 0n;
  for (const route of routes) {
    const override = await deps.prices.find(ctx.workspaceId!, route.provider.id, route.model).catch(() => undefined);
    const cost = costNanoUsd(route.provider.pricingId, route.model, { inputTokens: usage.input, outputTokens: usage.output }, ctx.createdAt, override) ?? 0n;
    if (cost > most) most = cost;
  }
  return Number(most);
}
