/** The start of a window of the last `days` days, ending now. */
export const daysAgo = (days: number, now = Date.now()) => new Date(now - days * 86_400_000);

/** The time ranges the dashboard offers, as they appear in URLs (?range=7d). */
export const RANGES = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000, "90d": 90 * 86_400_000 } as const;
export type RangeKey = keyof typeof RANGES;
export const DEFAULT_RANGE: RangeKey = "7d";

export const isRange = (value: unknown): value is RangeKey => typeof value === "string" && Object.hasOwn(RANGES, value);

/** The start of a named range; an explicit `from` in the URL wins. */
export const rangeStart = (range: RangeKey, now = Date.now()) => new Date(now - RANGES[range]);
