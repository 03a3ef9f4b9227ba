// Tollgate API keys: created, looked up by hash, revoked.
import { generateApiKey, hashApiKey } from "../auth/api-keys";
import { type Db, db as defaultDb } from "./client";

export interface CreateApiKeyInput {
  workspaceId: string;
  name: string;
  createdById?: string;
  expiresAt?: Date;
  /** Models the key may call; absent allows all. */
  allowedModels?: string[];
}

/** Creates a key and returns its secret, which is never stored and cannot be shown again. */
export async function createApiKey({ allowedModels, ...input }: CreateApiKeyInput, db: Db = defaultDb()) {
  const key = generateApiKey();
  const row = await db.apiKey.create({
    data: { ...input, allowedModels: allowedModels?.length ? JSON.stringify(allowedModels) : null, prefix: key.prefix, hash: key.hash },
  });
  return { ...row, secret: key.secret };
}

/**
 * A new secret for an active key, keeping its id, name, limits and budget; the old secret stops
 * working as soon as the gateways' key caches expire (seconds). Null when not found or revoked.
 */
export async function rotateApiKey(workspaceId: string, id: string, db: Db = defaultDb()) {
  const key = generateApiKey();
  const { count } = await db.apiKey.updateMany({ where: { workspaceId, id, revokedAt: null }, data: { prefix: key.prefix, hash: key.hash } });
  return count ? { prefix: key.prefix, secret: key.secret } : null;
}

export function findApiKey(workspaceId: string, id: string, db: Db = defaultDb()) {
  return db.apiKey.findFirst({ where: { workspaceId, id } });
}

/** One key of the workspace, with who created it. */
export function findApiKeyWithCreator(workspaceId: string, id: string, db: Db = defaultDb()) {
  return db.apiKey.findFirst({ where: { workspaceId, id }, include: { createdBy: { select: { email: true } } } });
}

/** The workspace's keys, newest first, with who created them. */
export function listApiKeysWithCreators(workspaceId: string, db: Db = defaultDb()) {
  return db.apiKey.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" }, include: { createdBy: { select: { email: true } } } });
}

/** The active key for a secret, or null when unknown, revoked or expired. */
export async function findActiveApiKey(secret: string, db: Db = defaultDb(), now = new Date()) {
  const key = await db.apiKey.findUnique({ where: { hash: hashApiKey(secret) } });
  if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= now)) return null;
  return key;
}

/** The role of a key's creator in the key's workspace today, or null (no creator, or they left). */
export async function keyCreatorRole(key: { workspaceId: string; createdById: string | null }, db: Db = defaultDb()) {
  if (!key.createdById) return null;
  const membership = await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId: key.workspaceId, userId: key.createdById } }, select: { role: true } });
  return membership?.role ?? null;
}

/** Revokes every key in the workspace matching the id or visible prefix; returns how many. */
export async function revokeApiKey(workspaceId: string, idOrPrefix: string, db: Db = defaultDb()) {
  const { count } = await db.apiKey.updateMany({
    where: { workspaceId, revokedAt: null, OR: [{ id: idOrPrefix }, { prefix: idOrPrefix }] },
    data: { revokedAt: new Date() },
  });
  return count;
}

export function listApiKeys(workspaceId: string, db: Db = defaultDb()) {
  return db.apiKey.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" } });
}

/** What the gateway needs of a key, looked up by the SHA-256 of its secret. */
export function findApiKeyByHash(hash: string, db: Db = defaultDb()) {
  return db.apiKey.findUnique({
    where: { hash },
    select: { id: true, workspaceId: true, revokedAt: true, expiresAt: true, allowedModels: true },
  });
}

/** Records last use for many keys in one statement (the gateway batches these). */
export async function touchApiKeys(ids: string[], at: Date, db: Db = defaultDb()) {
  if (ids.length) await db.apiKey.updateMany({ where: { id: { in: ids } }, data: { lastUsedAt: at } });
}
