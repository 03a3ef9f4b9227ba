// Stage 1: who is calling. A Tollgate key in Authorization (the gateway holds provider keys),
// or Helicone's pass-through style: Helicone-Auth carries the Tollgate key and Authorization
// (or x-api-key) the caller's own provider key, used for this call only.
import { looksLikeApiKey } from "../../auth/api-keys";
import type { GatewayContext } from "../context";
import type { GatewayDeps } from "../deps";
import { GatewayError, unauthorized } from "../errors";
import { header } from "../http";

const bearer = (value: string | undefined) => (value ? (/^Bearer\s+(.+)$/i.exec(value.trim())?.[1] ?? value.trim()) : undefined);

export async function authenticate(ctx: GatewayContext, deps: GatewayDeps): Promise<void> {
  const heliconeAuth = bearer(header(ctx.req, "helicone-auth"));
  const authorization = bearer(header(ctx.req, "authorization"));
  const xApiKey = header(ctx.req, "x-api-key")?.trim();

  let secret: string | undefined;
  if (heliconeAuth) {
    secret = heliconeAuth;
    ctx.providerKey = authorization || xApiKey || undefined;
  } else {
    secret = authorization || xApiKey;
  }
  if (!secret) {
    throw unauthorized("Missing Tollgate API key. Send it as 'Authorization: Bearer tg_…', or as 'Helicone-Auth: Bearer tg_…' with your provider key in Authorization.");
  }
  if (!looksLikeApiKey(secret)) {
    throw unauthorized(
      secret.startsWith("tg_")
        ? "Malformed Tollgate API key: it starts with tg_ but is too short to be one. Copy the whole key."
        : heliconeAuth
          ? "Helicone-Auth must carry a Tollgate API key (tg_…)."
          : "Tollgate API keys start with tg_. To use your own provider key, send it in Authorization and your Tollgate key as 'Helicone-Auth: Bearer tg_…'.",
    );
  }
  let key;
  try {
    key = await deps.keys.resolve(secret);
  } catch {
    throw new GatewayError(503, "Tollgate cannot verify API keys right now: its database is unreachable. Retry shortly.", "api_error", "database_unavailable", null, { "retry-after": "5" });
  }
  if (!key) throw unauthorized("Invalid, revoked or expired Tollgate API key.");
  ctx.workspaceId = key.workspaceId;
  ctx.apiKeyId = key.id;
  ctx.allowedModels = key.allowedModels;
}
