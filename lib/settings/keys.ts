// Creating, rotating and revoking API keys from settings, each recorded in the audit log. A key
// may come with its own rate limit (requests a minute) and budget, stored as ordinary rules
// scoped to the key, so the gateway enforces them like any other.
import { budgetSchema } from "../budgets/budgets";
import { createApiKey, findApiKey, revokeApiKey, rotateApiKey } from "../db/api-keys";
import { type Actor, recordAudit } from "../db/audit";
import { type Db, db as defaultDb } from "../db/client";
import { createKeyRateLimit } from "../db/rate-limit-rules";
import type { NewKeySpec } from "../keys/schema";
import { addBudget } from "./changes";

export async function createKey(workspaceId: string, actor: Actor, spec: NewKeySpec, db: Db = defaultDb()) {
  const key = await createApiKey({ workspaceId, name: spec.name, createdById: actor.userId ?? undefined, expiresAt: spec.expiresAt, allowedModels: spec.allowedModels }, db);
  if (spec.rateLimitPerMinute) await createKeyRateLimit(workspaceId, key.id, spec.name, spec.rateLimitPerMinute, db);
  if (spec.budgetUsd) {
    await addBudget({ workspaceId, actor }, budgetSchema.parse({ name: `${spec.name} (key budget)`, scope: "api_key", scopeValue: key.id, limitUsd: spec.budgetUsd, period: spec.budgetPeriod }), db);
  }
  await recordAudit(workspaceId, actor, {
    action: "key.created",
    target: `${spec.name} (${key.prefix}…)`,
    detail: { expiresAt: spec.expiresAt?.toISOString() ?? null, allowedModels: spec.allowedModels, rateLimitPerMinute: spec.rateLimitPerMinute ?? null, budgetUsd: spec.budgetUsd ?? null },
  }, db);
  return key;
}

export async function revokeKey(workspaceId: string, actor: Actor, id: string, db: Db = defaultDb()) {
  const key = await findApiKey(workspaceId, id, db);
  if (!key || key.revokedAt) return false;
  await revokeApiKey(workspaceId, id, db);
  await recordAudit(workspaceId, actor, { action: "key.revoked", target: `${key.name} (${key.prefix}…)` }, db);
  return true;
}

export async function rotateKey(workspaceId: string, actor: Actor, id: string, db: Db = defaultDb()) {
  const key = await findApiKey(workspaceId, id, db);
  if (!key) return null;
  const rotated = await rotateApiKey(workspaceId, id, db);
  if (rotated) await recordAudit(workspaceId, actor, { action: "key.rotated", target: `${key.name} (${key.prefix}… → ${rotated.prefix}…)` }, db);
  return rotated;
}
