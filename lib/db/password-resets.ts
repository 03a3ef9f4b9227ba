// "Forgot password" links: one hour, one use. Using one sets the new password and ends every
// session of the account, like a password change.
import { type Db, db as defaultDb } from "./client";
import { hashToken, newToken } from "./secret-token";

const RESET_MS = 60 * 60_000;

export async function createPasswordReset(userId: string, now = new Date(), db: Db = defaultDb()): Promise<string> {
  const token = newToken();
  await db.passwordReset.create({ data: { userId, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + RESET_MS) } });
  return token;
}

/** The open reset for this token, with its user's email, or null when unknown, used or expired. */
export function findOpenPasswordReset(token: string, now = new Date(), db: Db = defaultDb()) {
  return db.passwordReset.findFirst({ where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } }, include: { user: { select: { email: true } } } });
}

/**
 * Sets the password if the token is still open, and closes it and every other open link of the
 * user; false when it was used, expired or unknown (two tabs racing: only one wins).
 */
export async function redeemPasswordReset(token: string, passwordHash: string, now = new Date(), db: Db = defaultDb()): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const reset = await tx.passwordReset.findFirst({ where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } } });
    if (!reset) return false;
    const { count } = await tx.passwordReset.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: now } });
    if (count === 0) return false;
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash, sessionsValidFrom: now } });
    return true;
  });
}
