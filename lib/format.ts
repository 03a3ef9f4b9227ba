// Display formatting shared by pages and components.

const NANO_PER_USD = 1_000_000_000n;

/** nano-USD to a dollar string that keeps small amounts readable ($0.000123). */
export function formatUsd(nano: bigint | null | undefined): string {
  if (nano === null || nano === undefined) return "—";
  return formatDollars(Number(nano) / Number(NANO_PER_USD));
}

/** Dollars (as the query API returns them) the same way. */
export function formatDollars(dollars: number): string {
  if (dollars === 0) return "$0.00";
  if (Math.abs(dollars) >= 1) return `$${dollars.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  // Four significant digits, never in exponent form, never past the nano-dollar.
  const decimals = Math.min(9, Math.max(2, 3 - Math.floor(Math.log10(Math.abs(dollars)))));
  return `$${dollars.toFixed(decimals).replace(/(\.\d*?[1-9])0+$/, "$1")}`;
}

export const formatCount = (n: number) => n.toLocaleString("en-US");

export const formatPercent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

export const formatMs = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? "—" : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;

/** "1 row", "2,500 rows": a count with its noun. */
export const countOf = (n: number, noun: string, plural = `${noun}s`) => `${formatCount(n)} ${n === 1 ? noun : plural}`;

/** A span of time at a readable scale: "850 ms", "12.40 s", "3 min 05 s", "33 h 30 min". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 60_000) return formatMs(ms);
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}
