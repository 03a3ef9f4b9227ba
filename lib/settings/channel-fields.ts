// The notification channels fields the alert and budget forms share.
import { type FormValues, list, text } from "./forms";
import type { Channels } from "../alerts/rules";

export function channelsOf(v: FormValues) {
  return { emails: list(v.emails), slackWebhookUrl: text(v.slackWebhookUrl) ?? null, webhookUrl: text(v.webhookUrl) ?? null };
}

/** The form field a channels error belongs to. */
export const channelField = (key: string | undefined) => ({ emails: "emails", slackWebhookUrl: "slackWebhookUrl", webhookUrl: "webhookUrl" })[key ?? ""] ?? "emails";

export function channelValues(channels: Channels): FormValues {
  return { emails: channels.emails.join(", "), slackWebhookUrl: channels.slackWebhookUrl ?? "", webhookUrl: channels.webhookUrl ?? "" };
}
