/** Prisma's encoding of DateTime on SQLite, so raw SQL writes and compares times as Prisma does. */
export const sqliteTimestamp = (date: Date) => date.toISOString().replace("Z", "+00:00");
