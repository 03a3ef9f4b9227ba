// Which API key, user or property value a stored rule (rate limit or budget) counts a request
// under: "" for a workspace-wide rule, null when the rule does not apply to the request.
import type { GatewayContext } from "./context";

export interface ScopedRule {
  scope: "workspace" | "api_key" | "user" | "property";
  /** Limits one key, user or value; null gives each its own. */
  scopeValue: string | null;
  propertyKey: string | null;
}

export function scopeValueOf(ctx: Pick<GatewayContext, "apiKeyId" | "userId" | "properties">, rule: ScopedRule): string | null {
  const value =
    rule.scope === "workspace"
      ? ""
      : rule.scope === "api_key"
        ? ctx.apiKeyId
        : rule.scope === "user"
          ? ctx.userId
          : ctx.properties.find((p) => p.key === rule.propertyKey?.toLowerCase())?.value;
  if (value === undefined) return null; // the request has no user or property for this rule
  return rule.scopeValue !== null && rule.scopeValue !== value ? null : value;
}
