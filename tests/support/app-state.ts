// Reading a running app's state the way an operator does: /api/health and /metrics.
import { sleep } from "./load";

export interface Health {
  status: "ok" | "degraded";
  db: string;
  redis?: string;
  reasons?: string[];
  log: { pending?: number; spilled?: number; oldestPendingMs?: number; written?: number; deadLettered?: number; dropped?: number; stalled?: boolean; journalError?: string; deadLetters: number | null };
}

export const health = async (url: string): Promise<Health> => (await fetch(`${url}/api/health`)).json() as Promise<Health>;

/** Polls /api/health until `ready` holds. */
export async function healthUntil(url: string, ready: (h: Health) => boolean, timeoutMs = 20_000): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const h = await health(url);
    if (ready(h)) return h;
    if (Date.now() > deadline) throw new Error(`health never got there: ${JSON.stringify(h)}`);
    await sleep(100);
  }
}

/** One sample's value from /metrics (Prometheus text). */
export async function metric(url: string, name: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : undefined;
}
