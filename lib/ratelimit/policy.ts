// Helicone-RateLimit-Policy: <quota>;w=<seconds>[;u=request|cents][;s=user|<property name>].
// An invalid policy is a 400 saying why (Helicone fails open, silently).
import { badRequest } from "../gateway/errors";
import type { RateLimitPolicy } from "./types";

const MIN_WINDOW = 60;
const MAX_WINDOW = 365 * 86_400;

const invalid = (reason: string) => badRequest(`Helicone-RateLimit-Policy ${reason}. Expected <quota>;w=<seconds>[;u=request|cents][;s=user|<property>].`, "helicone-ratelimit-policy", "invalid_rate_limit_policy");

export function parsePolicy(raw: string): RateLimitPolicy {
  const [quotaPart, ...options] = raw.split(";").map((p) => p.trim());
  if (!quotaPart || !/^\d+$/.test(quotaPart) || Number(quotaPart) < 1) throw invalid(`needs a positive whole quota first, got "${quotaPart ?? ""}"`);
  const values = new Map<string, string>();
  for (const option of options) {
    const [name, value] = option.split("=").map((p) => p.trim());
    if (!name || value === undefined || !["w", "u", "s"].includes(name.toLowerCase())) throw invalid(`has an unknown part "${option}"`);
    values.set(name.toLowerCase(), value);
  }
  const window = values.get("w");
  if (window === undefined) throw invalid("needs a window, w=<seconds>");
  if (!/^\d+$/.test(window) || Number(window) < MIN_WINDOW || Number(window) > MAX_WINDOW) throw invalid(`window must be ${MIN_WINDOW} to ${MAX_WINDOW} seconds, got "${window}"`);
  const unit = (values.get("u") ?? "request").toLowerCase();
  if (unit !== "request" && unit !== "cents") throw invalid(`unit must be "request" or "cents", got "${unit}"`);
  const segment = values.get("s");
  return {
    quota: Number(quotaPart),
    windowSeconds: Number(window),
    unit: unit === "cents" ? "cents" : "requests",
    segment: !segment ? { kind: "workspace" } : segment.toLowerCase() === "user" ? { kind: "user" } : { kind: "property", name: segment.toLowerCase() },
    label: raw.trim(),
  };
}
