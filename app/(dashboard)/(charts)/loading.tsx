// The skeleton the chart and list pages show while their queries run. Detail pages (one user,
// session or property) and settings sit outside this group on purpose: under a loading boundary
// the response streams before the page can call notFound(), so a missing or other workspace's
// item would answer 200 instead of 404.
export default function Loading() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading">
      <div className="h-8 w-40 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-28 animate-pulse rounded-lg bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-96 animate-pulse rounded-lg bg-zinc-200 dark:bg-zinc-800" />
    </div>
  );
}
