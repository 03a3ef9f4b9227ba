// One evaluator tick: every enabled rule's value per group over its window, each group moved
// through the state machine, and an event dispatched for every fired or resolved transition.
// Safe to run twice at once: a transition is written with compare-and-set, and only the
// writer that wins sends its event (the leader lock in jobs.ts makes the race rare anyway).
import { calendarPeriod } from "../calendar";
import type { Db } from "../db/client";
import { alertStates, enabledAlertRules, forgetIdleStates, moveAlertState } from "../db/alert-rules";
import { metricByGroup } from "../analytics/alert-metrics";
import type { Window } from "../analytics/time-range";
import { targetsOf } from "./channels";
import { type DispatchOptions, type EventInput, dispatch } from "./dispatch";
import { linkConditions, requestsLink } from "./requests-link";
import { type AlertRule, type AlertWindow, compare, describeWindow } from "./rules";
import { INITIAL, step } from "./state-machine";

const IDLE_STATE_MS = 24 * 60 * 60_000;

export function windowAt(window: AlertWindow, now: Date, timeZone: string): Window {
  if (window.kind === "rolling") return { from: new Date(now.getTime() - window.minutes * 60_000), to: now };
  const period = calendarPeriod(window.kind === "calendar_day" ? "day" : "month", now, timeZone);
  return { from: period.start, to: now };
}

export interface TickSummary {
  rules: number;
  fired: number;
  resolved: number;
}

export async function evaluateAlerts(db: Db, now: Date, options: DispatchOptions): Promise<TickSummary> {
  const summary: TickSummary = { rules: 0, fired: 0, resolved: 0 };
  const deliveries: Promise<unknown>[] = [];
  for (const { rule, workspace } of await enabledAlertRules(db)) {
    summary.rules += 1;
    try {
      for (const event of await evaluateRule(db, rule, workspace, now, options.env)) {
        summary[event.kind as "fired" | "resolved"] += 1;
        deliveries.push(dispatch(db, event, options));
      }
    } catch (error) {
      console.error(`alerts: rule ${rule.id} could not be evaluated: ${(error as Error).message}`);
    }
  }
  await Promise.all(deliveries);
  return summary;
}

type Workspace = Awaited<ReturnType<typeof enabledAlertRules>>[number]["workspace"];

/** Moves each group of one rule through the state machine; returns the events to dispatch. */
async function evaluateRule(db: Db, rule: AlertRule, workspace: Workspace, now: Date, env: DispatchOptions["env"]): Promise<EventInput[]> {
  const window = windowAt(rule.window, now, workspace.timeZone);
  const values = await metricByGroup(workspace.id, rule.metric, window, rule.filter, rule.groupBy, db);
  const states = await alertStates(rule.id, db);
  const observed = new Map(values.map((v) => [v.group, v]));
  // A whole-rule alert is always judged (no traffic is a value too); a group only while seen or firing.
  if (!rule.groupBy && !observed.has("")) observed.set("", { group: "", value: 0, requests: 0 });
  for (const state of states) if (state.state === "firing" && !observed.has(state.groupKey)) observed.set(state.groupKey, { group: state.groupKey, value: 0, requests: 0 });

  const events: EventInput[] = [];
  for (const { group, value, requests } of observed.values()) {
    const previous = states.find((s) => s.groupKey === group);
    const hasValue = requests > 0 || rule.metric !== "latency_p95";
    const breaching = hasValue && requests >= rule.minRequests && compare(value, rule.comparison, rule.threshold);
    const transition = step(previous ?? INITIAL, breaching, now, rule.cooldownMinutes);
    const changed = transition.event !== null || previous?.clearSince?.getTime() !== transition.next.clearSince?.getTime();
    if (!changed) continue;
    // Only the evaluator whose compare-and-set wins sends the event.
    if (!(await moveAlertState(rule.id, group, previous, transition.next, value, now, db)) || !transition.event) continue;
    events.push({
      workspace,
      kind: transition.event,
      alertRuleId: rule.id,
      groupKey: group,
      targets: targetsOf(rule.channels),
      notice: {
        type: transition.event === "fired" ? "alert.fired" : "alert.resolved",
        source: { kind: "alert", id: rule.id, name: rule.name },
        metric: rule.metric,
        comparison: rule.comparison,
        value,
        threshold: rule.threshold,
        window: { description: describeWindow(rule.window), from: window.from.toISOString(), to: window.to.toISOString() },
        group: rule.groupBy ? { by: rule.groupBy, value: group } : null,
        link: requestsLink(linkConditions(rule.filter, rule.groupBy, group), window, env),
      },
    });
  }
  await forgetIdleStates(rule.id, new Date(now.getTime() - IDLE_STATE_MS), db);
  return events;
}
