// Helicone-Retry-*: how often and how patiently to retry a failed provider call.
import { badRequest } from "./errors";
import type { GatewayRequest } from "./http";
import { header } from "./http";

export interface RetryPolicy {
  retries: number;
  factor: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
}

/** Retried: rate limits, provider errors and timeouts. Never a 4xx that a retry can't fix. */
export const isRetryableStatus = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

function numberHeader(req: GatewayRequest, name: string, fallback: number, min: number, max: number, integer: boolean): number {
  const raw = header(req, name)?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw badRequest(`${name} must be ${integer ? "a whole number" : "a number"} from ${min} to ${max}, got "${raw}".`, name, "invalid_retry_header");
  }
  return value;
}

/** The request's retry policy, or null when retries are off (the default). */
export function readRetryPolicy(req: GatewayRequest): RetryPolicy | null {
  if (header(req, "helicone-retry-enabled")?.trim().toLowerCase() !== "true") return null;
  const policy = {
    retries: numberHeader(req, "helicone-retry-num", 3, 0, 10, true),
    factor: numberHeader(req, "helicone-retry-factor", 2, 1, 10, false),
    minTimeoutMs: numberHeader(req, "helicone-retry-min-timeout", 1000, 0, 60_000, true),
    maxTimeoutMs: numberHeader(req, "helicone-retry-max-timeout", 10_000, 0, 300_000, true),
  };
  if (policy.maxTimeoutMs < policy.minTimeoutMs) {
    throw badRequest("Helicone-Retry-Max-Timeout must not be below Helicone-Retry-Min-Timeout.", "helicone-retry-max-timeout", "invalid_retry_header");
  }
  return policy;
}

/**
 * The wait before retry number `retry` (0-based): exponential with ±20% jitter, at least what
 * the provider asked for in retry-after(-ms), and never more than the max timeout.
 */
export function backoffMs(policy: RetryPolicy, retry: number, headers: Record<string, string | string[] | undefined>): number {
  const exponential = policy.minTimeoutMs * policy.factor ** retry * (0.8 + Math.random() * 0.4);
  const one = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const afterMs = Number(one("retry-after-ms"));
  const afterSeconds = Number(one("retry-after"));
  const asked = Number.isFinite(afterMs) && afterMs > 0 ? afterMs : Number.isFinite(afterSeconds) && afterSeconds > 0 ? afterSeconds * 1000 : 0;
  return Math.round(Math.min(policy.maxTimeoutMs, Math.max(exponential, asked)));
}
