// GET /v1/models: the models this gateway can route to, from the bundled pricing data of
// every provider that has a key (or needs none).
import { findProvider } from "@pydantic/genai-prices";
import { providerForModel } from "../../providers/catalog";
import type { GatewayContext } from "../context";
import type { GatewayDeps } from "../deps";
import { gatewayHeaders } from "../response-headers";
import { providersFor } from "./route";

export async function listModels(ctx: GatewayContext, deps: GatewayDeps): Promise<void> {
  const data: { id: string; object: "model"; created: number; owned_by: string }[] = [];
  for (const provider of (await providersFor(ctx, deps)).values()) {
    if (!provider.apiKey && !ctx.providerKey && !provider.keyOptional) continue;
    for (const model of findProvider({ providerId: provider.pricingId })?.models ?? []) {
      const id = providerForModel(model.id) === provider.id ? model.id : `${provider.id}/${model.id}`;
      data.push({ id, object: "model", created: 0, owned_by: provider.id });
    }
  }
  const body = JSON.stringify({ object: "list", data });
  ctx.res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...gatewayHeaders(ctx, 200) });
  ctx.res.end(body);
  ctx.done = true;
}
