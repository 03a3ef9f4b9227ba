"use client";
// Live mode: while on, the page re-renders on the server every few seconds, so new requests
// appear at the top. The switch is a link, so live mode is part of the URL too.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

const INTERVAL_MS = 3000;

export function LiveRefresh({ on, onHref, offHref }: { on: boolean; onHref: string; offHref: string }) {
  const router = useRouter();
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, INTERVAL_MS);
    return () => clearInterval(timer);
  }, [on, router]);
  return on ? (
    <Link href={offHref} className="flex items-center gap-1.5 font-medium text-emerald-700 dark:text-emerald-400" aria-label="Live mode on: stop">
      <span className="h-2 w-2 animate-pulse rounded-full bg-emerald-500" aria-hidden /> Live · stop
    </Link>
  ) : (
    <Link href={onHref} className="text-indigo-600 hover:underline">
      Go live
    </Link>
  );
}
