"use client";
// Below 768 px the sidebar hides: a menu button opens the same links in a drawer, which keeps
// focus until a link is followed, Escape is pressed or it is closed.
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { trapTab } from "../ui/focus-trap";
import { NavLinks } from "./nav-links";

export function MobileNav({ workspaceName }: { workspaceName: string }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>("a, button")?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKey = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === "Escape") close();
    else trapTab(event);
  };

  return (
    <div>
      <button
        ref={button}
        type="button"
        onClick={() => setOpen(true)}
        aria-expanded={open}
        aria-controls="mobile-nav"
        className="rounded-md border border-zinc-300 px-2.5 py-1.5 text-sm font-medium dark:border-zinc-700"
      >
        ☰ Menu
      </button>
      {open ? (
        <div className="fixed inset-0 z-50 bg-black/30" onClick={close}>
          <div
            ref={panel}
            id="mobile-nav"
            role="dialog"
            aria-modal="true"
            aria-label="Navigation"
            onClick={(e) => e.stopPropagation()}
            onKeyDown={onKey}
            className="h-full w-64 max-w-[80vw] bg-white px-4 py-6 shadow-xl dark:bg-zinc-900"
          >
            <div className="mb-6 flex items-start justify-between">
              <div>
                <p className="px-2 text-lg font-semibold text-indigo-600">Tollgate</p>
                <p className="mt-1 truncate px-2 text-xs text-zinc-500">{workspaceName}</p>
              </div>
              <button type="button" onClick={close} aria-label="Close menu" className="rounded px-2 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                ✕
              </button>
            </div>
            <NavLinks onNavigate={() => setOpen(false)} />
          </div>
        </div>
      ) : null}
    </div>
  );
}
