// What a fake provider should do with a request: answer normally, or misbehave on demand.
// Asked for by a magic model suffix (`gpt-4o-mini+error-503+times-2`), which reaches the fake
// through any gateway untouched, or by the `x-fake-behavior` header (`error-429,retry-after-2`).

export interface Behaviour {
  /** Answer with this HTTP status and the provider's error body. */
  error?: number;
  /** Seconds in retry-after for a 429/503. */
  retryAfter?: number;
  /** Wait this long before the first byte. */
  delayMs?: number;
  /** Stream this many content chunks, then go silent with the socket open. */
  stallAfter?: number;
  /** Stream this many content chunks, then destroy the socket. */
  dropAfter?: number;
  /** Insert a line of broken JSON into the SSE stream. */
  malformed?: boolean;
  /** Misbehave only for the first N requests carrying the same spec, then answer normally. */
  times?: number;
}

export interface ParsedModel {
  /** The model name without the behaviour suffix. */
  model: string;
  spec: string;
  behaviour: Behaviour;
}

export function parseBehaviour(spec: string): Behaviour {
  const b: Behaviour = {};
  for (const raw of spec.split(/[+,;]/)) {
    const token = raw.trim().toLowerCase();
    if (!token) continue;
    const m = /^([a-z-]+?)(?:[-=](\d+))?$/.exec(token);
    if (!m) continue;
    const [, name, value] = m;
    const n = value === undefined ? undefined : Number(value);
    if (name === "error" && n) b.error = n;
    else if (name === "retry-after" && n !== undefined) b.retryAfter = n;
    else if (name === "delay" && n !== undefined) b.delayMs = n;
    else if (name === "stall") b.stallAfter = n ?? 1;
    else if (name === "drop") b.dropAfter = n ?? 1;
    else if (name === "malformed") b.malformed = true;
    else if (name === "times" && n !== undefined) b.times = n;
  }
  return b;
}

/** Splits `model+spec` and merges the x-fake-behavior header; the header wins. */
export function readBehaviour(model: string, header: string | undefined): ParsedModel {
  const plus = model.indexOf("+");
  const base = plus === -1 ? model : model.slice(0, plus);
  const suffix = plus === -1 ? "" : model.slice(plus + 1);
  const spec = [suffix, header ?? ""].filter(Boolean).join("+");
  return { model: base, spec, behaviour: parseBehaviour(spec) };
}

/**
 * Counts requests per spec so `times-N` misbehaves N times then recovers. Keyed by the spec
 * and the caller's x-fake-key header, so parallel tests don't share counters.
 */
export class BehaviourCounter {
  private seen = new Map<string, number>();

  /** The behaviour to apply now: the requested one, or none once `times` is used up. */
  apply(parsed: ParsedModel, key: string | undefined): Behaviour {
    const { behaviour } = parsed;
    if (behaviour.times === undefined) return behaviour;
    const id = `${key ?? ""}|${parsed.model}|${parsed.spec}`;
    const count = (this.seen.get(id) ?? 0) + 1;
    this.seen.set(id, count);
    return count <= behaviour.times ? behaviour : {};
  }

  reset() {
    this.seen.clear();
  }
}
