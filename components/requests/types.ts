import type { listRequests } from "@/lib/analytics/requests";

/** One row of the Requests table, as the server renders it. */
export type RequestRow = Awaited<ReturnType<typeof listRequests>>["data"][number];
