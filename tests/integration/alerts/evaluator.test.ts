// The alert evaluator and budget notices on both databases, with a controlled clock, real
// receivers (an HTTP server for Slack and webhooks, an SMTP server for email), and rows written
// by the gateway's own log writer.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type DispatchOptions, dispatch } from "@/lib/alerts/dispatch";
import { evaluateAlerts } from "@/lib/alerts/evaluate";
import { type AlertRuleSpec, alertRuleSchema } from "@/lib/alerts/rules";
import { verifySignature } from "@/lib/alerts/signature";
import { announceBudgetThresholds } from "@/lib/budgets/notices";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { listAlertEvents } from "@/lib/db/alert-events";
import { createAlertRule } from "@/lib/db/alert-rules";
import { createBudget } from "@/lib/db/budgets";
import type { RequestLogRow } from "@/lib/db/request-log";
import { type RequestLogWriter } from "@/lib/db/request-log";
import { createRequestLogWriter } from "@/lib/db/request-log-writer";
import { logRow } from "../../support/request-rows";
import { type HttpReceiver, type SmtpReceiver, startHttpReceiver, startSmtpReceiver } from "../../support/receivers";
import { DATABASE_KINDS, type TestDatabase, createTestDatabase } from "../../support/test-db";

const usd = (dollars: number) => BigInt(Math.round(dollars * 1e9));

describe.each(DATABASE_KINDS)("alerts on %s", (kind) => {
  let t: TestDatabase;
  let writer: RequestLogWriter;
  let http: HttpReceiver;
  let smtp: SmtpReceiver;
  let options: DispatchOptions;

  /** A fresh workspace per test, in Paris time, so 'today' starts at 23:00 UTC. */
  async function workspace() {
    const ws = await findOrCreateWorkspace(`alerts-${Math.random().toString(36).slice(2)}`, "Acme AI", t.db);
    await t.db.workspace.update({ where: { id: ws.id }, data: { timeZone: "Europe/Paris" } });
    return { ...ws, timeZone: "Europe/Paris" };
  }
  const write = (rows: RequestLogRow[]) => writer.writeBatch(rows);
  const rule = (workspaceId: string, spec: Record<string, unknown>) => createAlertRule(workspaceId, alertRuleSchema.parse(spec) as AlertRuleSpec, t.db);

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    writer = createRequestLogWriter(t.target);
    [http, smtp] = await Promise.all([startHttpReceiver(), startSmtpReceiver()]);
    options = {
      env: { TOLLGATE_ALLOW_PRIVATE_WEBHOOKS: "1", SMTP_URL: smtp.url, ALERT_FROM: "Tollgate <alerts@example.com>", NEXTAUTH_URL: "https://tollgate.example.com" },
      timeoutMs: 2000,
      retryDelaysMs: [10, 20],
    };
  });
  afterAll(async () => {
    await writer?.close();
    await Promise.all([http?.close(), smtp?.close()]);
    await t?.drop();
  });
  // The evaluator reads every workspace: each test's rules and budgets stop when it ends.
  afterEach(async () => {
    await t.db.alertRule.updateMany({ data: { enabled: false } });
    await t.db.budget.updateMany({ data: { enabled: false } });
  });
  beforeEach(() => {
    http.received.length = 0;
    smtp.mails.length = 0;
    http.failWith();
  });

  it("fires 'daily spend > $50' once, by webhook, Slack and email, then resolves the next day after the cooldown", async () => {
    const ws = await workspace();
    await write([
      logRow(ws.id, { createdAt: new Date("2026-11-25T22:30:00Z"), costNanoUsd: usd(100) }), // Nov 25 in Paris: yesterday
      logRow(ws.id, { createdAt: new Date("2026-11-26T09:00:00Z"), costNanoUsd: usd(30) }),
      logRow(ws.id, { createdAt: new Date("2026-11-26T10:00:00Z"), costNanoUsd: usd(25) }),
    ]);
    const alert = await rule(ws.id, {
      name: "Daily spend",
      metric: "spend",
      threshold: 50,
      window: { kind: "calendar_day" },
      cooldownMinutes: 15,
      channels: { emails: ["ops@example.com"], slackWebhookUrl: `${http.url}/slack`, webhookUrl: `${http.url}/hook` },
    });

    expect(await evaluateAlerts(t.db, new Date("2026-11-26T11:00:00Z"), options)).toMatchObject({ fired: 1, resolved: 0 });
    const [mail] = await smtp.waitFor(1);
    const byPath = Object.fromEntries(http.received.map((r) => [r.path, r]));

    const hook = byPath["/hook"]!;
    expect(verifySignature(ws.webhookSecret, String(hook.headers["tollgate-signature"]), hook.body)).toBe(true);
    const payload = JSON.parse(hook.body);
    expect(payload).toMatchObject({
      type: "alert.fired",
      workspace: { id: ws.id, name: "Acme AI" },
      source: { kind: "alert", id: alert.id, name: "Daily spend" },
      metric: "spend",
      comparison: "gt",
      value: 55,
      threshold: 50,
      window: { description: "today", from: "2026-11-25T23:00:00.000Z", to: "2026-11-26T11:00:00.000Z" },
      group: null,
    });
    expect(payload.link).toBe("https://tollgate.example.com/requests?from=2026-11-25T23%3A00%3A00.000Z&to=2026-11-26T11%3A00%3A00.000Z");

    const slack = JSON.parse(byPath["/slack"]!.body);
    expect(slack.text).toBe("Daily spend: Spend $55.00 over today, threshold > $50.00");
    expect(JSON.stringify(slack.blocks)).toContain("$5.00 (10%) over the threshold");
    expect(slack.blocks.at(-1).elements[0].url).toBe(payload.link);

    expect(mail!.to).toEqual(["ops@example.com"]);
    expect(mail!.subject).toBe("[Tollgate] Daily spend: Spend $55.00 over today, threshold > $50.00");
    expect(mail!.text).toContain("By how much: $5.00 (10%) over the threshold");
    expect(mail!.text).toContain(`Requests: ${payload.link}`);
    expect(mail!.html).toContain("<td>By how much</td><td>$5.00 (10%) over the threshold</td>");

    const [event] = await listAlertEvents(ws.id, { limit: 10 }, t.db);
    expect(event).toMatchObject({ kind: "fired", value: 55, threshold: 50, alertRuleId: alert.id });
    expect(event!.deliveries.map((d) => [d.channel, d.status, d.attempts, d.error])).toEqual([
      ["email", "delivered", 1, null],
      ["slack", "delivered", 1, null],
      ["webhook", "delivered", 1, null],
    ]);

    // Still over the threshold a minute later: nothing new.
    expect(await evaluateAlerts(t.db, new Date("2026-11-26T11:01:00Z"), options)).toMatchObject({ fired: 0, resolved: 0 });
    // Past midnight in Paris a new day starts at $0: clear, but within the cooldown.
    expect(await evaluateAlerts(t.db, new Date("2026-11-26T23:05:00Z"), options)).toMatchObject({ fired: 0, resolved: 0 });
    expect(await evaluateAlerts(t.db, new Date("2026-11-26T23:20:00Z"), options)).toMatchObject({ fired: 0, resolved: 1 });
    expect(http.received).toHaveLength(4);
    expect(JSON.parse(http.received.find((r) => r.path === "/hook" && r.body.includes("alert.resolved"))!.body)).toMatchObject({ type: "alert.resolved", value: 0 });
    expect((await listAlertEvents(ws.id, { limit: 10 }, t.db)).map((e) => e.kind)).toEqual(["resolved", "fired"]);
  });

  it("keeps one state per group, and ignores groups under the minimum request count", async () => {
    const ws = await workspace();
    const now = new Date("2026-11-26T12:00:00Z");
    const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
    await write([
      ...[200, 500, 200, 503].map((status, i) => logRow(ws.id, { userId: "alice", status, createdAt: at(10 + i) })),
      ...[200, 200, 200, 200].map((status, i) => logRow(ws.id, { userId: "bob", status, createdAt: at(10 + i) })),
      logRow(ws.id, { userId: "carol", status: 500, createdAt: at(5) }),
      logRow(ws.id, { userId: "bob", status: 500, createdAt: at(90) }), // outside the hour
    ]);
    await rule(ws.id, { name: "Errors per user", metric: "error_rate", threshold: 25, window: { kind: "rolling", minutes: 60 }, groupBy: "user", minRequests: 2, channels: { webhookUrl: `${http.url}/hook` } });

    expect(await evaluateAlerts(t.db, now, options)).toMatchObject({ fired: 1 });
    const [hook] = await http.waitFor(1);
    expect(JSON.parse(hook!.body)).toMatchObject({ value: 50, group: { by: "user", value: "alice" } });
    expect(JSON.parse(hook!.body).link).toContain("userId=alice");
  });

  it("fires once when two evaluators race on the same tick", async () => {
    const ws = await workspace();
    await write([logRow(ws.id, { createdAt: new Date("2026-11-26T11:59:00Z"), promptTokens: 900, completionTokens: 200 })]);
    await rule(ws.id, { name: "Tokens", metric: "tokens", comparison: "gte", threshold: 1100, window: { kind: "rolling", minutes: 5 }, channels: { webhookUrl: `${http.url}/hook` } });
    const now = new Date("2026-11-26T12:00:00Z");
    const [a, b] = await Promise.all([evaluateAlerts(t.db, now, options), evaluateAlerts(t.db, now, options)]);
    expect(a.fired + b.fired).toBe(1);
    await http.waitFor(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(http.received).toHaveLength(1);
  });

  it("retries failing receivers with backoff, gives up after three tries, and records why", async () => {
    const ws = await workspace();
    const notice = {
      type: "alert.test" as const,
      source: { kind: "alert" as const, id: null, name: "Test" },
      metric: "spend" as const,
      comparison: "gt" as const,
      value: 1,
      threshold: 2,
      window: { description: "today", from: "2026-11-26T00:00:00.000Z", to: "2026-11-26T01:00:00.000Z" },
      group: null,
      link: "https://tollgate.example.com/requests",
    };
    const send = (targets: { channel: "webhook" | "slack" | "email"; target: string }[], env = options.env) => dispatch(t.db, { workspace: ws, kind: "test", groupKey: "", notice, targets }, { ...options, env });

    http.failWith(500, 503);
    expect((await send([{ channel: "webhook", target: `${http.url}/flaky` }])).outcomes).toEqual([{ channel: "webhook", target: `${http.url}/flaky`, status: "delivered", attempts: 3, error: null }]);
    http.failWith(500, 500, 500);
    expect((await send([{ channel: "webhook", target: `${http.url}/down` }])).outcomes[0]).toMatchObject({ status: "failed", attempts: 3, error: "HTTP 500: receiver says no" });
    http.failWith(404);
    expect((await send([{ channel: "slack", target: `${http.url}/gone` }])).outcomes[0]).toMatchObject({ status: "failed", attempts: 1, error: "HTTP 404: receiver says no" });

    // Without the self-hoster's setting, a private target is refused before any connection.
    const before = http.received.length;
    const refused = await send([{ channel: "webhook", target: `${http.url}/internal` }], { ...options.env, TOLLGATE_ALLOW_PRIVATE_WEBHOOKS: undefined });
    expect(refused.outcomes[0]).toMatchObject({ status: "failed", attempts: 1 });
    expect(refused.outcomes[0]!.error).toContain("private or local address");
    expect(http.received.length).toBe(before);
    // Email without SMTP settings fails with the reason.
    const noSmtp = await send([{ channel: "email", target: "ops@example.com" }], { ...options.env, SMTP_URL: undefined });
    expect(noSmtp.outcomes[0]).toMatchObject({ status: "failed", attempts: 1, error: "Email is not configured: set SMTP_URL (and ALERT_FROM) on the server" });

    const events = await listAlertEvents(ws.id, { limit: 10 }, t.db);
    expect(events.flatMap((e) => e.deliveries.map((d) => d.status)).sort()).toEqual(["delivered", "failed", "failed", "failed", "failed"]);
  });

  it("announces each budget threshold once per period, the highest crossed", async () => {
    const ws = await workspace();
    const budget = await createBudget(ws.id, { name: "Daily cap", enabled: true, scope: "user", scopeValue: null, propertyKey: null, limitUsd: 10, period: "day", action: "block", notifyAtPercent: [50, 80, 100], channels: { emails: [], webhookUrl: `${http.url}/budget` } }, t.db);
    await write([
      logRow(ws.id, { userId: "alice", createdAt: new Date("2026-11-26T08:00:00Z"), costNanoUsd: usd(8.5) }),
      logRow(ws.id, { userId: "bob", createdAt: new Date("2026-11-26T08:00:00Z"), costNanoUsd: usd(1) }),
      logRow(ws.id, { userId: null, createdAt: new Date("2026-11-26T08:00:00Z"), costNanoUsd: usd(20) }), // no user: not under a per-user budget
    ]);
    const now = new Date("2026-11-26T12:00:00Z");
    expect(await announceBudgetThresholds(t.db, now, options)).toBe(1);
    const [first] = await http.waitFor(1);
    expect(JSON.parse(first!.body)).toMatchObject({ type: "budget.threshold", source: { kind: "budget", id: budget.id }, percentUsed: 85, value: 8.5, threshold: 10, group: { by: "user", value: "alice" } });
    expect(await announceBudgetThresholds(t.db, now, options)).toBe(0);

    await write([logRow(ws.id, { userId: "alice", createdAt: new Date("2026-11-26T12:30:00Z"), costNanoUsd: usd(2) })]);
    expect(await announceBudgetThresholds(t.db, new Date("2026-11-26T13:00:00Z"), options)).toBe(1);
    const [, second] = await http.waitFor(2);
    expect(JSON.parse(second!.body)).toMatchObject({ percentUsed: 105 });
    // A new day in Paris: a new period, nothing spent yet.
    expect(await announceBudgetThresholds(t.db, new Date("2026-11-26T23:30:00Z"), options)).toBe(0);
    const events = await listAlertEvents(ws.id, { budgetId: budget.id, limit: 10 }, t.db);
    expect(events.map((e) => [e.kind, e.groupKey, e.value])).toEqual([
      ["budget", "alice", 10.5],
      ["budget", "alice", 8.5],
    ]);
  });
});
