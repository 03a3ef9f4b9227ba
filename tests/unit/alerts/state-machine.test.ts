import { describe, expect, it } from "vitest";
import { INITIAL, type GroupState, step } from "@/lib/alerts/state-machine";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 12, minute));

/** Runs a sequence of ticks (one a minute) and returns the events in order. */
function run(conditions: boolean[], cooldownMinutes: number) {
  let state: GroupState = INITIAL;
  return conditions.map((breaching, minute) => {
    const t = step(state, breaching, at(minute), cooldownMinutes);
    state = t.next;
    return t.event;
  });
}

describe("alert state machine", () => {
  it("fires once when the condition becomes true, however many ticks it stays true", () => {
    expect(run([false, true, true, true, true], 15)).toEqual([null, "fired", null, null, null]);
  });

  it("resolves once the condition has been false for the cooldown, not before", () => {
    expect(run([true, false, false, false, false], 3)).toEqual(["fired", null, null, null, "resolved"]);
  });

  it("does not resolve or re-fire when the condition flickers within the cooldown", () => {
    expect(run([true, false, true, false, true, false, false], 2)).toEqual(["fired", null, null, null, null, null, null]);
  });

  it("fires again after it has resolved and the condition returns", () => {
    expect(run([true, false, false, true], 1)).toEqual(["fired", null, "resolved", "fired"]);
  });

  it("with no cooldown, resolves on the first tick the condition is false", () => {
    expect(run([true, false], 0)).toEqual(["fired", "resolved"]);
  });

  it("remembers when it fired and since when it is clear", () => {
    const fired = step(INITIAL, true, at(0), 5).next;
    expect(fired).toEqual({ state: "firing", firedAt: at(0), clearSince: null });
    expect(step(fired, false, at(2), 5).next).toEqual({ state: "firing", firedAt: at(0), clearSince: at(2) });
  });
});
