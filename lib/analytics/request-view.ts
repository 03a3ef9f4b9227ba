// A filtered view of the request log as a dashboard URL spells it: the query's filters plus the
// page's own parameters (time range, page size, the open request). The Requests page and a
// request's own page read it the same way, so previous and next follow the list.
import { type RequestQuery, parseRequestQuery } from "./request-query";
import { type TimeView, parseTimeView } from "./time-range";

export type SearchRecord = Record<string, string | string[] | undefined>;

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

/** URL parameters of the page itself, not filters of the query. */
const VIEW_PARAMS = ["range", "from", "to", "live", "size", "page", "request", "before"];

export function searchParamsOf(search: SearchRecord): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) params.append(k, value);
  return params;
}

/** Page size and 1-based page number from the URL (?size=100&page=3), as every paged list reads them. */
export function readPaging(size: string | null | undefined, page: string | null | undefined): { pageSize: number; page: number } {
  const n = Number(size);
  return { pageSize: (PAGE_SIZES as readonly number[]).includes(n) ? n : DEFAULT_PAGE_SIZE, page: Math.max(1, Math.floor(Number(page)) || 1) };
}

export interface RequestView {
  time: TimeView;
  live: boolean;
  pageSize: number;
  /** 1-based, for the "rows 51–100" label: paging itself follows cursors. */
  page: number;
  /** A cursor to page back from: the rows just before it, in the list's order. */
  before?: string;
  /** The filters without the window. */
  filters: RequestQuery;
  /** The filters with the window and page size: what the list and the totals read. */
  query: RequestQuery;
}

export function readRequestView(search: SearchRecord): { ok: true; view: RequestView } | { ok: false; message: string } {
  const params = searchParamsOf(search);
  const time = parseTimeView({ range: params.get("range") ?? undefined, from: params.get("from") ?? undefined, to: params.get("to") ?? undefined });
  const { pageSize, page } = readPaging(params.get("size"), params.get("page"));
  const live = params.get("live") === "1";
  const before = params.get("before") ?? undefined;
  for (const name of VIEW_PARAMS) params.delete(name);
  const parsed = parseRequestQuery(params);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const filters = parsed.data;
  const query = { ...filters, limit: pageSize, from: time.from, to: time.range === "custom" ? time.to : undefined };
  return { ok: true, view: { time, live, pageSize, page, before, filters, query } };
}
