/** The start of a window of the last `days` days, ending now. */
export const daysAgo = (days: number, now = Date.now()) => new Date(now - days * 86_400_000);
