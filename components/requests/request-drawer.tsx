"use client";
// The explorer's detail drawer: one request read from the API, previous and next
// within the rows on screen, and a link to the request's own page. It is a modal dialog: focus
// moves into it, stays in it until Escape or Close, then returns to the row that opened it.
import Link from "next/link";
import { type KeyboardEvent, useEffect, useRef } from "react";
import { trapTab } from "../ui/focus-trap";
import { RequestDetail } from "./request-detail";
import { useRequestDetail } from "./use-request-detail";

export function RequestDrawer({ id, ids, pageHref, onSelect, onClose }: { id: string; ids: string[]; pageHref: string; onSelect: (id: string) => void; onClose: () => void }) {
  const { detail, error } = useRequestDetail(id);
  const closeButton = useRef<HTMLButtonElement>(null);
  const index = ids.indexOf(id);
  const previous = index > 0 ? ids[index - 1] : undefined;
  const next = index >= 0 && index < ids.length - 1 ? ids[index + 1] : undefined;

  useEffect(() => closeButton.current?.focus(), []);

  const onKey = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      onClose();
    } else trapTab(event);
  };

  return (
    <div className="fixed inset-0 z-40 flex justify-end bg-black/30" onClick={onClose}>
      <aside
        role="dialog"
        aria-modal="true"
        aria-label="Request details"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={onKey}
        className="h-full w-full max-w-2xl overflow-y-auto bg-white p-6 shadow-xl dark:bg-zinc-900"
      >
        <div className="flex items-start justify-between gap-2">
          <h2 className="text-lg font-semibold">Request</h2>
          <div className="flex items-center gap-1 text-sm">
            <button type="button" disabled={!previous} onClick={() => previous && onSelect(previous)} className="rounded px-2 py-1 hover:bg-zinc-100 disabled:opacity-40 dark:hover:bg-zinc-800">
              ← Previous
            </button>
            <button type="button" disabled={!next} onClick={() => next && onSelect(next)} className="rounded px-2 py-1 hover:bg-zinc-100 disabled:opacity-40 dark:hover:bg-zinc-800">
              Next →
            </button>
            <Link href={pageHref} className="rounded px-2 py-1 text-indigo-600 hover:bg-zinc-100 dark:text-indigo-400 dark:hover:bg-zinc-800">
              Open page
            </Link>
            <button ref={closeButton} type="button" onClick={onClose} className="rounded px-2 py-1 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800" aria-label="Close">
              ✕
            </button>
          </div>
        </div>
        {error ? (
          <p role="alert" className="mt-4 text-sm text-red-600">
            Could not load this request ({error}).
          </p>
        ) : null}
        {!detail && !error ? <p className="mt-4 animate-pulse text-sm text-zinc-500">Loading…</p> : null}
        {detail ? (
          <div className="mt-4">
            <RequestDetail detail={detail} origin={window.location.origin} />
          </div>
        ) : null}
      </aside>
    </div>
  );
}
