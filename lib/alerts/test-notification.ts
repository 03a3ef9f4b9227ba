// "Send test notification": the rule's current value, sent to each of its channels now, with
// each channel's outcome returned to the settings page or API caller (and kept in the history).
import { metricByGroup } from "../analytics/alert-metrics";
import { type Db, db as defaultDb } from "../db/client";
import { targetsOf } from "./channels";
import { type DispatchOptions, dispatch } from "./dispatch";
import { windowAt } from "./evaluate";
import { linkConditions, requestsLink } from "./requests-link";
import { type AlertRule, describeWindow } from "./rules";

export async function sendTestNotification(workspace: { id: string; name: string; timeZone: string; webhookSecret: string }, rule: AlertRule, options: DispatchOptions, db: Db = defaultDb(), now = new Date()) {
  const window = windowAt(rule.window, now, workspace.timeZone);
  const [current] = await metricByGroup(workspace.id, rule.metric, window, rule.filter, null, db);
  return dispatch(
    db,
    {
      workspace,
      kind: "test",
      alertRuleId: rule.id,
      groupKey: "",
      targets: targetsOf(rule.channels),
      notice: {
        type: "alert.test",
        source: { kind: "alert", id: rule.id, name: rule.name },
        metric: rule.metric,
        comparison: rule.comparison,
        value: current?.value ?? 0,
        threshold: rule.threshold,
        window: { description: describeWindow(rule.window), from: window.from.toISOString(), to: window.to.toISOString() },
        group: null,
        link: requestsLink(linkConditions(rule.filter), window, options.env),
      },
    },
    options,
  );
}
