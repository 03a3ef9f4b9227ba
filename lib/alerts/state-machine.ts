// One alert group's life: ok → firing when the condition becomes true (one "fired" event),
// firing → ok once the condition has stayed false for the cooldown (one "resolved" event).
// A condition that stays true, or flickers within the cooldown, produces nothing new.

export interface GroupState {
  state: "ok" | "firing";
  firedAt: Date | null;
  /** When the condition was first seen false again while firing. */
  clearSince: Date | null;
}

export interface Transition {
  next: GroupState;
  event: "fired" | "resolved" | null;
}

export const INITIAL: GroupState = { state: "ok", firedAt: null, clearSince: null };

export function step(previous: GroupState, breaching: boolean, now: Date, cooldownMinutes: number): Transition {
  if (previous.state === "ok") {
    return breaching ? { next: { state: "firing", firedAt: now, clearSince: null }, event: "fired" } : { next: previous, event: null };
  }
  if (breaching) return { next: { ...previous, clearSince: null }, event: null };
  const clearSince = previous.clearSince ?? now;
  if (now.getTime() - clearSince.getTime() >= cooldownMinutes * 60_000) return { next: INITIAL, event: "resolved" };
  return { next: { ...previous, clearSince }, event: null };
}
