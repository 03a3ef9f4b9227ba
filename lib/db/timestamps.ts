export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The start of a time's hour, or of its UTC day. */
export const hourOf = (date: Date) => new Date(Math.floor(date.getTime() / HOUR_MS) * HOUR_MS);
export const dayOf = (date: Date) => new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);

/** Prisma's encoding of DateTime on SQLite, so raw SQL writes and compares times as Prisma does. */
export const sqliteTimestamp = (date: Date) => date.toISOString().replace("Z", "+00:00");
