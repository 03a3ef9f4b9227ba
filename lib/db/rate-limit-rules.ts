import { type Db, db as defaultDb } from "./client";

export function listEnabledRateLimitRules(workspaceId: string, db: Db = defaultDb()) {
  return db.rateLimitRule.findMany({ where: { workspaceId, enabled: true } });
}
