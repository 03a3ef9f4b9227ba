// An API key as /api/v1/keys shows it: everything but the secret, which only creation and
// rotation answer with, once.
interface StoredKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** JSON array, or null for every model. */
  allowedModels: string | null;
  createdBy?: { email: string } | null;
}

export function keyView(key: StoredKey) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    createdBy: key.createdBy?.email ?? null,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    allowedModels: key.allowedModels ? (JSON.parse(key.allowedModels) as string[]) : null,
  };
}
