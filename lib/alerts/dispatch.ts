// An alert or budget event: recorded with one delivery row per channel target, then delivered
// with timeouts and retries (3 tries, backoff), each outcome written back for the history page.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { type DeliveryRow, createEventWithDeliveries, finishDelivery } from "../db/alert-events";
import { type ChannelTarget, DeliveryError, type SendOptions, send } from "./channels";
import type { Notice } from "./notice";

export interface DispatchOptions {
  env: Record<string, string | undefined>;
  timeoutMs: number;
  /** Waits before the second and third tries. */
  retryDelaysMs: number[];
}

export function dispatchOptions(env: Record<string, string | undefined> = process.env): DispatchOptions {
  const timeoutMs = Number(env.TOLLGATE_ALERT_TIMEOUT_MS) || 10_000;
  return { env, timeoutMs, retryDelaysMs: [1000, 5000] };
}

/** The public base URL of the dashboard, for links in notifications. */
export const dashboardUrl = (env: Record<string, string | undefined> = process.env) => (env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/$/, "");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DeliveryOutcome {
  channel: ChannelTarget["channel"];
  target: string;
  status: "delivered" | "failed";
  attempts: number;
  error: string | null;
}

async function deliverWithRetries({ channel, target }: ChannelTarget, notice: Notice, send_: SendOptions, retryDelaysMs: number[]): Promise<DeliveryOutcome> {
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      await send({ channel, target }, notice, send_);
      return { channel, target, status: "delivered", attempts, error: null };
    } catch (error) {
      const retryable = error instanceof DeliveryError ? error.retryable : true;
      const delay = retryDelaysMs[attempts - 1];
      if (!retryable || delay === undefined) return { channel, target, status: "failed", attempts, error: (error as Error).message.slice(0, 1000) };
      await sleep(delay);
    }
  }
}

export interface EventInput {
  workspace: { id: string; name: string; webhookSecret: string };
  kind: "fired" | "resolved" | "test" | "budget";
  alertRuleId?: string | null;
  budgetId?: string | null;
  groupKey: string;
  notice: Omit<Notice, "id" | "workspace" | "createdAt">;
  targets: ChannelTarget[];
}

/** Records the event and delivers it; resolves when every channel has succeeded or given up. */
export async function dispatch(db: Db, input: EventInput, options: DispatchOptions): Promise<{ eventId: string; outcomes: DeliveryOutcome[] }> {
  const createdAt = new Date();
  const notice: Notice = { ...input.notice, id: randomUUID(), workspace: { id: input.workspace.id, name: input.workspace.name }, createdAt: createdAt.toISOString() };
  const rows: DeliveryRow[] = await createEventWithDeliveries(
    {
      id: notice.id,
      workspaceId: input.workspace.id,
      alertRuleId: input.alertRuleId ?? null,
      budgetId: input.budgetId ?? null,
      groupKey: input.groupKey,
      kind: input.kind,
      value: notice.value,
      threshold: notice.threshold,
      detail: JSON.stringify(notice),
      createdAt,
    },
    input.targets,
    db,
  );
  const send_: SendOptions = { env: options.env, timeoutMs: options.timeoutMs, webhookSecret: input.workspace.webhookSecret };
  const outcomes = await Promise.all(
    rows.map(async (row) => {
      const outcome = await deliverWithRetries(row, notice, send_, options.retryDelaysMs);
      await finishDelivery(row.id, outcome, db);
      return outcome;
    }),
  );
  return { eventId: notice.id, outcomes };
}
