import { type Db, db as defaultDb } from "./client";

export function listEnabledRateLimitRules(workspaceId: string, db: Db = defaultDb()) {
  return db.rateLimitRule.findMany({ where: { workspaceId, enabled: true } });
}

/** A requests-per-window limit for one API key (set when the key is created in settings). */
export function createKeyRateLimit(workspaceId: string, apiKeyId: string, keyName: string, perMinute: number, db: Db = defaultDb()) {
  return db.rateLimitRule.create({ data: { workspaceId, name: `${keyName}: ${perMinute} requests/min`, scope: "api_key", scopeValue: apiKeyId, unit: "requests", quota: perMinute, windowSeconds: 60 } });
}

/** The stored rate limits that name one of these keys. */
export function keyRateLimits(workspaceId: string, apiKeyIds: string[], db: Db = defaultDb()) {
  return db.rateLimitRule.findMany({ where: { workspaceId, scope: "api_key", scopeValue: { in: apiKeyIds } } });
}
