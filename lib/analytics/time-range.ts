// The dashboard's time window: a named range or a custom from/to, and a chart granularity, all
// read from and written back to the URL so a link reproduces the view. Times are UTC.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The start of a window of the last `days` days, ending now. */
export const daysAgo = (days: number, now = Date.now()) => new Date(now - days * DAY);

/** The time ranges the dashboard offers, as they appear in URLs (?range=7d). */
export const RANGES = { "1h": HOUR, "24h": DAY, "7d": 7 * DAY, "30d": 30 * DAY, "90d": 90 * DAY } as const;
export type RangeKey = keyof typeof RANGES;
export const DEFAULT_RANGE: RangeKey = "7d";

export const GRANULARITIES = ["hour", "day", "week", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** A custom range may span at most this long; charts stay readable and queries bounded. */
const MAX_CUSTOM_SPAN = 400 * DAY;
/** Finer granularities are coarsened past this many buckets. */
const MAX_BUCKETS = 1000;

export const isRange = (value: unknown): value is RangeKey => typeof value === "string" && Object.hasOwn(RANGES, value);

/** The start of a named range. */
export const rangeStart = (range: RangeKey, now = Date.now()) => new Date(now - RANGES[range]);

/** A half-open window [from, to): what every analytics query takes. */
export interface Window {
  from: Date;
  to: Date;
}

export interface TimeView extends Window {
  range: RangeKey | "custom";
  granularity: Granularity;
}

export interface TimeSearch {
  range?: string | string[];
  from?: string | string[];
  to?: string | string[];
  granularity?: string | string[];
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date from the URL: `2026-11-20` (a whole day, so `to` means the end of it) or an ISO time. */
function parseTime(raw: string | undefined, endOfDay: boolean): Date | null {
  if (!raw) return null;
  const date = new Date(DATE_ONLY.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(date.getTime())) return null;
  return DATE_ONLY.test(raw) && endOfDay ? new Date(date.getTime() + DAY) : date;
}

const spanOf = (from: Date, to: Date) => to.getTime() - from.getTime();
const BUCKET_MS: Record<Granularity, number> = { hour: HOUR, day: DAY, week: 7 * DAY, month: 30 * DAY };

/** The granularity a chart gets when the URL names none: about 24–100 points. */
export function autoGranularity(span: number): Granularity {
  if (span <= 2 * DAY) return "hour";
  if (span <= 100 * DAY) return "day";
  return "week";
}

/** Reads the window from the URL; anything missing or invalid falls back to the default range. */
export function parseTimeView(search: TimeSearch, options: { now?: number; defaultRange?: RangeKey } = {}): TimeView {
  const now = options.now ?? Date.now();
  const rawRange = one(search.range);
  let view: Omit<TimeView, "granularity">;
  const from = parseTime(one(search.from), false);
  const to = parseTime(one(search.to), true) ?? new Date(now);
  if (rawRange === "custom" && from && from < to && spanOf(from, to) <= MAX_CUSTOM_SPAN) view = { range: "custom", from, to };
  else {
    const range = isRange(rawRange) ? rawRange : (options.defaultRange ?? DEFAULT_RANGE);
    view = { range, from: rangeStart(range, now), to: new Date(now) };
  }
  const asked = one(search.granularity);
  let granularity = GRANULARITIES.includes(asked as Granularity) ? (asked as Granularity) : autoGranularity(spanOf(view.from, view.to));
  while (granularity !== "month" && spanOf(view.from, view.to) / BUCKET_MS[granularity] > MAX_BUCKETS) granularity = GRANULARITIES[GRANULARITIES.indexOf(granularity) + 1]!;
  return { ...view, granularity };
}

/** The view's URL parameters, to carry it into links. */
export function timeViewParams(view: TimeView, options: { granularity?: boolean } = {}): Record<string, string> {
  const params: Record<string, string> = { range: view.range };
  if (view.range === "custom") Object.assign(params, { from: view.from.toISOString(), to: view.to.toISOString() });
  if (options.granularity) params.granularity = view.granularity;
  return params;
}

/** How the window reads in a sentence: "the last 7d", "Nov 1 – Nov 20". */
export function describeTimeView(view: TimeView): string {
  if (view.range !== "custom") return `the last ${view.range}`;
  const day = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ").replace(" 00:00", "");
  return `${day(view.from)} – ${day(view.to)}`;
}

/** The first bucket label at or before `date`, in the format the SQL buckets produce. */
export function bucketLabel(date: Date, granularity: Granularity): string {
  const iso = date.toISOString();
  if (granularity === "hour") return `${iso.slice(0, 13)}:00`;
  if (granularity === "day") return iso.slice(0, 10);
  if (granularity === "month") return iso.slice(0, 7);
  // ISO weeks start on Monday.
  const monday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - ((date.getUTCDay() + 6) % 7)));
  return monday.toISOString().slice(0, 10);
}

/** Every bucket label from `from` to `to`, so a chart shows quiet periods as zero, not as gaps. */
export function bucketLabels(from: Date, to: Date, granularity: Granularity): string[] {
  const labels: string[] = [];
  const cursor = new Date(from);
  while (cursor < to && labels.length <= MAX_BUCKETS * 2) {
    const label = bucketLabel(cursor, granularity);
    if (labels.at(-1) !== label) labels.push(label);
    if (granularity === "month") cursor.setUTCMonth(cursor.getUTCMonth() + 1, 1);
    else cursor.setTime(cursor.getTime() + BUCKET_MS[granularity]);
  }
  const last = bucketLabel(new Date(to.getTime() - 1), granularity);
  if (labels.at(-1) !== last && to > from) labels.push(last);
  return labels;
}

/** When the bucket a label names begins (labels as bucketLabel writes them, in UTC). */
function bucketStart(label: string, granularity: Granularity): Date {
  if (granularity === "hour") return new Date(`${label.slice(0, 13)}:00:00Z`);
  if (granularity === "month") return new Date(`${label}-01T00:00:00Z`);
  return new Date(`${label}T00:00:00Z`);
}

function bucketEnd(label: string, granularity: Granularity): Date {
  const start = bucketStart(label, granularity);
  if (granularity === "month") return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + BUCKET_MS[granularity]);
}

/**
 * The buckets the window covers only in part: the first when the window starts after it begins,
 * the last when the window ends before it does. Their totals are not comparable to full ones.
 */
export function partialBuckets(from: Date, to: Date, granularity: Granularity): string[] {
  const labels = bucketLabels(from, to, granularity);
  const first = labels[0];
  const last = labels.at(-1);
  const partial = new Set<string>();
  if (first && bucketStart(first, granularity) < from) partial.add(first);
  if (last && bucketEnd(last, granularity) > to) partial.add(last);
  return [...partial];
}

/** The picker's props for a view: the inclusive days it covers. */
export function timeFieldsOf(view: TimeView, withGranularity = false) {
  return {
    range: view.range,
    fromDay: view.from.toISOString().slice(0, 10),
    toDay: new Date(view.to.getTime() - 1).toISOString().slice(0, 10),
    ...(withGranularity ? { granularity: view.granularity } : {}),
  };
}

/** The last `days` days up to now: the window pickers draw their known keys and values from. */
export const lastDays = (days: number, now = Date.now()): Window => ({ from: daysAgo(days, now), to: new Date(now) });
