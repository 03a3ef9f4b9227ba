"use client";
// A request's own page: its details read from the API, as the drawer reads them.
import { RequestDetail } from "./request-detail";
import { useRequestDetail } from "./use-request-detail";

export function RequestDetailLoader({ id }: { id: string }) {
  const { detail, error } = useRequestDetail(id);
  if (error) {
    return (
      <p role="alert" className="text-sm text-red-600">
        Could not load this request ({error}).
      </p>
    );
  }
  if (!detail) return <p className="animate-pulse text-sm text-zinc-500">Loading…</p>;
  return <RequestDetail detail={detail} origin={window.location.origin} />;
}
