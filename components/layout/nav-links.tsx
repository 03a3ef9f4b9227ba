"use client";
// The dashboard's page links, the current one marked (aria-current) for eyes and screen readers.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_ITEMS } from "./nav";

/** A page belongs to the item whose section it is in: /requests/<id> to Requests, /settings/keys to Settings. */
function isCurrent(href: string, pathname: string): boolean {
  if (href === "/") return pathname === "/";
  const section = href.startsWith("/settings") ? "/settings" : href;
  return pathname === section || pathname.startsWith(`${section}/`);
}

export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav className="space-y-1" aria-label="Main">
      {NAV_ITEMS.map((item) => {
        const current = isCurrent(item.href, pathname);
        return (
          <Link
            key={item.href}
            href={item.href}
            onClick={onNavigate}
            aria-current={current ? "page" : undefined}
            className={`block rounded-md px-2 py-1.5 text-sm font-medium ${current ? "bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
