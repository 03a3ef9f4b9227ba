// Rate limits stored in settings (RateLimitRule), per workspace, per API key, per user or per
// property value. They apply together with any Helicone-RateLimit-Policy header.
import { listEnabledRateLimitRules } from "../db/rate-limit-rules";
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

const TTL_MS = 30_000;

export class RateLimitRuleCache {
  private byWorkspace = new Map<string, { at: number; rules: StoredRule[] }>();

  constructor(
    private readonly load: (workspaceId: string) => ReturnType<typeof listEnabledRateLimitRules> = listEnabledRateLimitRules,
    private readonly ttlMs = TTL_MS,
  ) {}

  /** The workspace's rules; while the database is unreachable, the last ones known. */
  async rules(workspaceId: string): Promise<StoredRule[]> {
    const cached = this.byWorkspace.get(workspaceId);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.rules;
    let rows;
    try {
      rows = await this.load(workspaceId);
    } catch (error) {
      if (cached) return cached.rules;
      throw error;
    }
    const rules = rows.map((r) => ({ ...r, scope: r.scope as StoredRule["scope"], unit: r.unit as LimitUnit }));
    this.byWorkspace.set(workspaceId, { at: Date.now(), rules });
    return rules;
  }
}
