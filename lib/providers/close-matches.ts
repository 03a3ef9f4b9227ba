// "Did you mean …": the known model names nearest to one nobody serves, from the bundled price
// data of the providers the gateway can call.
import { findProvider } from "@pydantic/genai-prices";
import { providerForModel } from "./catalog";
import type { ProviderConfig } from "./config";

/** Edit distance, with an early exit once it exceeds `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]!);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

const limitFor = (wanted: string) => Math.max(2, Math.floor(wanted.length / 4));

const best = (scored: { id: string; score: number }[], count: number) =>
  [...new Set(scored.sort((a, b) => a.score - b.score || a.id.localeCompare(b.id)).map((s) => s.id))].slice(0, count);

/** Up to `count` model names (as they would be called) within a few edits of `name`. */
export function closeMatches(name: string, providers: Map<string, ProviderConfig>, count = 3): string[] {
  const wanted = name.toLowerCase().slice(0, 100);
  const limit = limitFor(wanted);
  const scored: { id: string; score: number }[] = [];
  for (const provider of providers.values()) {
    for (const model of findProvider({ providerId: provider.pricingId })?.models ?? []) {
      const id = providerForModel(model.id) === provider.id ? model.id : `${provider.id}/${model.id}`;
      const score = Math.min(distance(wanted, model.id.toLowerCase(), limit), distance(wanted, id.toLowerCase(), limit));
      if (score <= limit) scored.push({ id, score });
    }
  }
  return best(scored, count);
}

/** Up to `count` of `names` within a few edits of `name`. */
export function nearestNames(name: string, names: Iterable<string>, count = 3): string[] {
  const wanted = name.toLowerCase().slice(0, 100);
  const limit = limitFor(wanted);
  const scored: { id: string; score: number }[] = [];
  for (const id of names) {
    const score = distance(wanted, id.toLowerCase(), limit);
    if (score <= limit) scored.push({ id, score });
  }
  return best(scored, count);
}
