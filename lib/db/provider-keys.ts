// Provider keys stored per workspace, encrypted (AES-256-GCM under TOLLGATE_SECRET). Only the
// last four characters are ever read back for display.
import { encryptSecret, keyHint } from "../auth/vault";
import { type Db, db as defaultDb } from "./client";

export function listProviderKeys(workspaceId: string, db: Db = defaultDb()) {
  return db.providerKey.findMany({ where: { workspaceId }, orderBy: [{ provider: "asc" }, { name: "asc" }] });
}

/** What the settings page may show: never the encrypted key. */
export function listProviderKeySummaries(workspaceId: string, db: Db = defaultDb()) {
  return db.providerKey.findMany({ where: { workspaceId }, orderBy: [{ provider: "asc" }, { name: "asc" }], select: { id: true, provider: true, name: true, baseUrl: true, keyHint: true, updatedAt: true } });
}

export function findProviderKey(workspaceId: string, id: string, db: Db = defaultDb()) {
  return db.providerKey.findFirst({ where: { workspaceId, id } });
}

/** Adds or replaces (rotates) the key for a provider and name. */
export async function saveProviderKey(workspaceId: string, input: { provider: string; name: string; baseUrl: string | null; apiKey: string }, secret: string, db: Db = defaultDb()) {
  const data = { baseUrl: input.baseUrl, encryptedKey: encryptSecret(input.apiKey, secret), keyHint: keyHint(input.apiKey) };
  return db.providerKey.upsert({
    where: { workspaceId_provider_name: { workspaceId, provider: input.provider, name: input.name } },
    create: { workspaceId, provider: input.provider, name: input.name, ...data },
    update: data,
    select: { id: true, provider: true, name: true, keyHint: true },
  });
}

export async function deleteProviderKey(workspaceId: string, id: string, db: Db = defaultDb()) {
  const { count } = await db.providerKey.deleteMany({ where: { workspaceId, id } });
  return count > 0;
}
