// Stage: which provider serves the model, with which key, and what to try next if it fails
// (Helicone-Fallback-*). Every target is resolved here, so a bad fallback fails before any call.
import type { ProviderConfig } from "../../providers/config";
import { type ResolvedModel, resolveModel } from "../../providers/registry";
import type { GatewayContext, Target } from "../context";
import type { GatewayDeps } from "../deps";
import { GatewayError, badRequest } from "../errors";
import { DEFAULT_FALLBACK_CODES, type FallbackStep, readFallbacks } from "../fallbacks";
import { readRetryPolicy } from "../retry-policy";

function checkAllowed(ctx: GatewayContext, model: string) {
  if (ctx.allowedModels && !ctx.allowedModels.includes(model)) {
    throw new GatewayError(403, `This API key may not call "${model}".`, "permission_error", "model_not_allowed", "model");
  }
}

function resolve(model: string, providers: Map<string, ProviderConfig>, param: string): ResolvedModel {
  const resolution = resolveModel(model, providers);
  if (!resolution.ok) throw badRequest(resolution.message, param, "unroutable_model");
  return resolution.value;
}

function keyFor(provider: ProviderConfig, candidates: (string | undefined)[], param: string): string | undefined {
  const key = candidates.find(Boolean) ?? provider.apiKey;
  if (!key && !provider.keyOptional) {
    const envName = provider.id === "azure" ? "AZURE_OPENAI_API_KEY" : `${provider.id.toUpperCase()}_API_KEY`;
    throw badRequest(
      `No API key for provider "${provider.id}". Set ${envName} on the gateway, or send your own key in Authorization with your Tollgate key in Helicone-Auth.`,
      param,
      "missing_provider_key",
    );
  }
  return key;
}

function fallbackRoute(ctx: GatewayContext, providers: Map<string, ProviderConfig>, step: FallbackStep, primaryModel: string): ResolvedModel {
  const model = step.model ?? primaryModel;
  checkAllowed(ctx, model);
  return step.provider ? { provider: step.provider, model } : resolve(model, providers, "helicone-fallback-model");
}

function fallbackTarget(ctx: GatewayContext, providers: Map<string, ProviderConfig>, step: FallbackStep, primary: ProviderConfig, primaryModel: string): Target {
  const route = fallbackRoute(ctx, providers, step, primaryModel);
  // A caller's own key belongs to the provider it was sent for.
  const callerKey = route.provider.id === primary.id ? ctx.providerKey : undefined;
  return { route, upstreamKey: keyFor(route.provider, [step.apiKey, callerKey], "helicone-fallback-model"), onCodes: step.onCodes };
}

/** A 400 naming the nearest models when the target's provider does not serve its model (known-models.ts). */
async function checkServed(ctx: GatewayContext, deps: GatewayDeps, { route, upstreamKey }: Target): Promise<void> {
  const hasOwnPrice = async () => (await deps.prices.find(ctx.workspaceId!, route.provider.id, route.model).catch(() => undefined)) !== undefined;
  const near = await deps.models!.unknown(route.provider, route.model, upstreamKey, hasOwnPrice);
  if (!near) return;
  const suggestion = near.length ? ` Did you mean ${near.map((m) => `"${m}"`).join(", ")}?` : "";
  throw new GatewayError(
    400,
    `${route.provider.id} does not serve the model "${route.model.slice(0, 200)}".${suggestion} A model newer than this Tollgate's price list is let through once the provider lists it for your key, or once it has a price in Settings → Pricing.`,
    "invalid_request_error",
    "model_not_found",
    "model",
  );
}

/** The workspace's providers; while its stored keys cannot be read, the env configuration. */
export async function providersFor(ctx: GatewayContext, deps: GatewayDeps): Promise<Map<string, ProviderConfig>> {
  ctx.providers ??= await deps.workspaceProviders.get(ctx.workspaceId!).catch(() => deps.providers);
  return ctx.providers;
}

/**
 * The model field as an ordered chain, as Helicone's AI gateway takes it ("gpt-4o,claude-4.5-haiku"):
 * the first is called, the others are fallbacks tried before any Helicone-Fallback-* target.
 */
function modelChain(model: string): string[] {
  const chain = model.split(",").map((m) => m.trim()).filter(Boolean);
  if (chain.length === 0) throw badRequest("You must provide a model parameter.", "model", "missing_required_parameter");
  if (chain.length > 10) throw badRequest("The model field lists more than 10 models.", "model", "invalid_value");
  return chain;
}

export async function routeRequest(ctx: GatewayContext, deps: GatewayDeps): Promise<void> {
  const providers = await providersFor(ctx, deps);
  const fallbacks = readFallbacks(ctx.req, providers);
  const [primaryModel, ...chained] = modelChain(ctx.modelRequested!);
  const requested = fallbacks.replacesPrimary ? undefined : resolve(primaryModel!, providers, "model");
  if (requested) checkAllowed(ctx, primaryModel!);
  const steps: FallbackStep[] = [...(fallbacks.replacesPrimary ? [] : chained.map((model) => ({ model, onCodes: DEFAULT_FALLBACK_CODES }))), ...fallbacks.steps];
  const primaryProvider = requested?.provider ?? fallbackRoute(ctx, providers, steps[0]!, primaryModel!).provider;
  const targets: Target[] = requested ? [{ route: requested, upstreamKey: keyFor(requested.provider, [ctx.providerKey], "model"), onCodes: [] }] : [];
  for (const step of steps) targets.push(fallbackTarget(ctx, providers, step, primaryProvider, primaryModel!));
  // Known models (nearly every call) are answered synchronously; only the rest wait on a lookup.
  const unsure = deps.models ? targets.filter((t) => !deps.models!.servesForSure(t.route.provider, t.route.model)) : [];
  if (unsure.length) await Promise.all(unsure.map((target) => checkServed(ctx, deps, target)));
  ctx.targets = targets;
  ctx.retryPolicy = readRetryPolicy(ctx.req);
  ctx.route = targets[0]!.route;
  ctx.upstreamKey = targets[0]!.upstreamKey;
}
