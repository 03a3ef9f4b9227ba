// A mini bar of how a user's requests split across models.
const COLORS = ["bg-indigo-500", "bg-emerald-500", "bg-amber-500", "bg-rose-500", "bg-cyan-500", "bg-zinc-400"];

export function ModelBar({ models }: { models: { model: string; requests: number }[] }) {
  const total = models.reduce((s, m) => s + m.requests, 0) || 1;
  return (
    <div className="flex h-2 w-32 overflow-hidden rounded bg-zinc-100 dark:bg-zinc-800" title={models.map((m) => `${m.model}: ${m.requests}`).join("\n")}>
      {models.slice(0, 6).map((m, i) => (
        <div key={m.model} className={COLORS[i]} style={{ width: `${(m.requests / total) * 100}%` }} />
      ))}
    </div>
  );
}
