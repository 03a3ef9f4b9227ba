// Rate limits stored in settings (RateLimitRule), per workspace, per API key, per user or per
// property value. They apply together with any Helicone-RateLimit-Policy header.
import { listEnabledRateLimitRules } from "../db/rate-limit-rules";
import { WorkspaceCache } from "../gateway/workspace-cache";
import type { LimitUnit } from "./types";

export interface StoredRule {
  id: string;
  scope: "workspace" | "api_key" | "user" | "property";
  /** The key id, user or property value it is limited to; null = each one separately. */
  scopeValue: string | null;
  propertyKey: string | null;
  unit: LimitUnit;
  quota: number;
  windowSeconds: number;
}

export type RateLimitRuleCache = WorkspaceCache<StoredRule[]>;

export function rateLimitRuleCache(load: (workspaceId: string) => Promise<Awaited<ReturnType<typeof listEnabledRateLimitRules>>>, ttlMs: number): RateLimitRuleCache {
  return new WorkspaceCache(async (workspaceId) => (await load(workspaceId)).map((r) => ({ ...r, scope: r.scope as StoredRule["scope"], unit: r.unit as LimitUnit })), ttlMs);
}
