// Webhook signatures: `Tollgate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` where the
// HMAC is taken with the workspace's webhook secret over `<t>.<raw body>`. Signing the time
// with the body lets receivers refuse replays of an old delivery (docs/alerts.md).
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Tollgate-Signature";

const hmac = (secret: string, timestamp: number, rawBody: string) => createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");

export function signatureHeader(secret: string, rawBody: string, now = new Date()): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, rawBody)}`;
}

/** Checks a received signature; false if it does not match or is older than `toleranceSeconds`. */
export function verifySignature(secret: string, header: string, rawBody: string, toleranceSeconds = 300, now = new Date()): boolean {
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, t, rawBody), "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
