// Stage 3: which provider serves the model, and with which key.
import { resolveModel } from "../../providers/registry";
import type { GatewayContext } from "../context";
import type { GatewayDeps } from "../deps";
import { GatewayError, badRequest } from "../errors";

export function routeRequest(ctx: GatewayContext, deps: GatewayDeps): void {
  const model = ctx.modelRequested!;
  if (ctx.allowedModels && !ctx.allowedModels.includes(model)) {
    throw new GatewayError(403, `This API key may not call "${model}".`, "permission_error", "model_not_allowed", "model");
  }
  const resolution = resolveModel(model, deps.providers);
  if (!resolution.ok) throw badRequest(resolution.message, "model", "unroutable_model");
  const { provider } = resolution.value;
  ctx.route = resolution.value;
  ctx.upstreamKey = ctx.providerKey ?? provider.apiKey;
  if (!ctx.upstreamKey && !provider.keyOptional) {
    const envName = provider.id === "azure" ? "AZURE_OPENAI_API_KEY" : `${provider.id.toUpperCase()}_API_KEY`;
    throw badRequest(
      `No API key for provider "${provider.id}". Set ${envName} on the gateway, or send your own key in Authorization with your Tollgate key in Helicone-Auth.`,
      "model",
      "missing_provider_key",
    );
  }
}
