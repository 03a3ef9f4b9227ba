// Outgoing mail over SMTP_URL (nodemailer), from ALERT_FROM: alert emails and invitations.
import nodemailer from "nodemailer";

export class MailError extends Error {
  constructor(
    message: string,
    /** Whether trying again could help (a 4xx answer or a network error, not a 5xx refusal). */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export const mailConfigured = (env: Record<string, string | undefined> = process.env) => Boolean(env.SMTP_URL);

export async function sendMail(message: { to: string; subject: string; text: string; html?: string }, env: Record<string, string | undefined> = process.env, timeoutMs = 10_000): Promise<void> {
  const url = env.SMTP_URL;
  if (!url) throw new MailError("Email is not configured: set SMTP_URL (and ALERT_FROM) on the server", false);
  const transport = nodemailer.createTransport({ url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs } as nodemailer.TransportOptions);
  try {
    await transport.sendMail({ from: env.ALERT_FROM || "Tollgate <alerts@tollgate.local>", ...message });
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    throw new MailError((error as Error).message, code === undefined || code < 500);
  } finally {
    transport.close();
  }
}
