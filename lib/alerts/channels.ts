// The three ways a notice leaves Tollgate. Each send either resolves or throws a
// DeliveryError that says whether trying again could help.
import { MailError, sendMail } from "../mail";
import { type Notice, facts, headline } from "./notice";
import type { Channels } from "./rules";
import { BlockedTargetError, safePost } from "./safe-post";
import { SIGNATURE_HEADER, signatureHeader } from "./signature";

export type ChannelKind = "email" | "slack" | "webhook";

export interface ChannelTarget {
  channel: ChannelKind;
  /** An email address or a URL. */
  target: string;
}

export interface SendOptions {
  env: Record<string, string | undefined>;
  timeoutMs: number;
  /** The workspace's webhook signing secret. */
  webhookSecret: string;
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export function targetsOf(channels: Channels): ChannelTarget[] {
  return [
    ...channels.emails.map((target) => ({ channel: "email" as const, target })),
    ...(channels.slackWebhookUrl ? [{ channel: "slack" as const, target: channels.slackWebhookUrl }] : []),
    ...(channels.webhookUrl ? [{ channel: "webhook" as const, target: channels.webhookUrl }] : []),
  ];
}

/** Slack incoming-webhook message: the headline, the facts as fields, and a button to the requests. */
export function slackMessage(notice: Notice) {
  return {
    text: headline(notice),
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${headline(notice)}*` } },
      { type: "section", fields: facts(notice).slice(0, 10).map(([label, value]) => ({ type: "mrkdwn", text: `*${label}*\n${value}` })) },
      { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open the requests in Tollgate" }, url: notice.link }] },
    ],
  };
}

export function emailMessage(notice: Notice) {
  const lines = facts(notice).map(([label, value]) => `${label}: ${value}`);
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
  return {
    subject: `[Tollgate] ${headline(notice)}`,
    text: `${headline(notice)}\n\n${lines.join("\n")}\n\nRequests: ${notice.link}\n`,
    html: `<p><strong>${escape(headline(notice))}</strong></p><table>${facts(notice)
      .map(([label, value]) => `<tr><td>${escape(label)}</td><td>${escape(value)}</td></tr>`)
      .join("")}</table><p><a href="${escape(notice.link)}">Open the requests in Tollgate</a></p>`,
  };
}

async function post(url: string, body: string, headers: Record<string, string>, options: SendOptions) {
  let result;
  try {
    result = await safePost(url, body, headers, options.timeoutMs, options.env.TOLLGATE_ALLOW_PRIVATE_WEBHOOKS === "1");
  } catch (error) {
    if (error instanceof BlockedTargetError) throw new DeliveryError(error.message, false);
    const cause = (error as Error & { cause?: Error }).cause;
    throw new DeliveryError(`${(error as Error).message}${cause?.message ? `: ${cause.message}` : ""}`, true);
  }
  if (result.status >= 200 && result.status < 300) return;
  const retryable = result.status >= 500 || result.status === 429 || result.status === 408;
  throw new DeliveryError(`HTTP ${result.status}${result.body ? `: ${result.body}` : ""}`, retryable);
}

async function sendEmail(to: string, notice: Notice, options: SendOptions) {
  try {
    await sendMail({ to, ...emailMessage(notice) }, options.env, options.timeoutMs);
  } catch (error) {
    throw new DeliveryError((error as Error).message, error instanceof MailError ? error.retryable : true);
  }
}

export async function send({ channel, target }: ChannelTarget, notice: Notice, options: SendOptions): Promise<void> {
  if (channel === "email") return sendEmail(target, notice, options);
  if (channel === "slack") return post(target, JSON.stringify(slackMessage(notice)), {}, options);
  const body = JSON.stringify(notice);
  return post(target, body, { [SIGNATURE_HEADER]: signatureHeader(options.webhookSecret, body) }, options);
}
