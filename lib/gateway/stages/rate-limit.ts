// Stage: gateway rate limits, from the Helicone-RateLimit-Policy header and the workspace's
// stored rules, checked and recorded together in one atomic step. Limits in tokens or cents
// reserve the request's most it could use (prompt + max tokens, at the model's price) so a
// burst cannot overspend; the log stage settles the reservation to what was really used.
import { parsePolicy } from "../../ratelimit/policy";
import type { StoredRule } from "../../ratelimit/rules";
import type { Bucket, Decision, LimitUnit, RateLimitPolicy } from "../../ratelimit/types";
import { memberOf } from "../../ratelimit/types";
import type { GatewayContext } from "../context";
import type { GatewayDeps } from "../deps";
import { GatewayError } from "../errors";
import { header } from "../http";
import { maxCostNano, maxUsageOf } from "../max-cost";
import { scopeValueOf } from "../scope-value";

const NANO_PER_CENT = 10_000_000;

interface Limit {
  policy: RateLimitPolicy;
  /** Which bucket: the policy's identity and the segment this request falls in. */
  key: string;
}

function segmentValue(ctx: GatewayContext, policy: RateLimitPolicy): string {
  const seg = policy.segment;
  if (seg.kind === "workspace") return "";
  if (seg.kind === "user") return ctx.userId ?? "(no user)";
  return ctx.properties.find((p) => p.key === seg.name)?.value ?? "(none)";
}

function ruleLimit(ctx: GatewayContext, rule: StoredRule): Limit | null {
  const label = `${rule.quota};w=${rule.windowSeconds};u=${rule.unit}`;
  const base = { quota: rule.quota, windowSeconds: rule.windowSeconds, unit: rule.unit, label };
  const value = scopeValueOf(ctx, rule);
  if (value === null) return null;
  return { policy: { ...base, segment: { kind: "workspace" } }, key: `r:${rule.id}:${value}` };
}

/** The most a request can use, per unit: what it reserves before the call. */
async function reserve(unit: LimitUnit, usage: () => { input: number; output: number }, maxCost: () => Promise<number>): Promise<number> {
  if (unit === "requests") return 1;
  return unit === "tokens" ? usage().input + usage().output : maxCost();
}

export async function enforceRateLimits(ctx: GatewayContext, deps: GatewayDeps): Promise<void> {
  const limits: Limit[] = [];
  const raw = header(ctx.req, "helicone-ratelimit-policy");
  if (raw) {
    const policy = parsePolicy(raw);
    limits.push({ policy, key: `h:${policy.label}:${segmentValue(ctx, policy)}` });
  }
  for (const rule of await deps.rateLimitRules.get(ctx.workspaceId!)) {
    const limit = ruleLimit(ctx, rule);
    if (limit) limits.push(limit);
  }
  if (limits.length === 0) return;

  // An unpriced model costs nothing we can count: a cents limit cannot hold it back.
  const usage = () => maxUsageOf(ctx);
  const maxCost = () => maxCostNano(ctx, deps);
  const buckets: Bucket[] = await Promise.all(
    limits.map(async ({ policy, key }) => ({
      key: `${ctx.workspaceId}:${key}`,
      windowMs: policy.windowSeconds * 1000,
      limit: policy.unit === "cents" ? policy.quota * NANO_PER_CENT : policy.quota,
      amount: await reserve(policy.unit, usage, maxCost),
      policy,
    })),
  );

  let decision: Decision;
  try {
    decision = await deps.rateLimits.take(ctx.id, buckets, Date.now());
  } catch {
    throw new GatewayError(503, "Tollgate cannot check rate limits right now: its shared state is unreachable. Retry shortly.", "api_error", "rate_limit_store_unavailable", null, { "retry-after": "1" });
  }
  ctx.rateLimit = { buckets, decision };
  if (decision.allowed) {
    ctx.rateLimitReservations = buckets.filter((b) => b.policy.unit !== "requests").map((b) => ({ key: b.key, member: memberOf(ctx.id, b.amount), amount: b.amount, unit: b.policy.unit }));
    return;
  }
  const blocked = buckets[decision.blockedIndex]!;
  // When the oldest use in the blocking window expires, freeing room: in seconds, and exactly in
  // ms for clients that read retry-after-ms first (OpenAI's SDKs).
  const resetMs = Math.max(0, Math.ceil(decision.states[decision.blockedIndex]!.resetMs));
  const resetSeconds = Math.max(1, Math.ceil(resetMs / 1000));
  throw new GatewayError(
    429,
    `Rate limit reached: ${blocked.policy.label} (Tollgate gateway limit). Retry in ${resetSeconds} s.`,
    "rate_limit_error",
    "rate_limit_exceeded",
    null,
    { "retry-after": String(resetSeconds), "retry-after-ms": String(resetMs), "x-helicone-error": "rate_limited" },
  );
}

/** Helicone-RateLimit-* headers for the most constraining limit of the request. */
export function rateLimitResponseHeaders(ctx: GatewayContext): Record<string, string> {
  const state = ctx.rateLimit;
  if (!state) return {};
  const index = state.decision.allowed
    ? state.decision.states.reduce((best, s, i, all) => (s.remaining / state.buckets[i]!.limit < all[best]!.remaining / state.buckets[best]!.limit ? i : best), 0)
    : state.decision.blockedIndex;
  const bucket = state.buckets[index]!;
  const s = state.decision.states[index]!;
  const inUnit = (n: number) => String(bucket.policy.unit === "cents" ? Math.floor(n / NANO_PER_CENT) : n);
  return {
    "helicone-ratelimit-limit": String(bucket.policy.quota),
    "helicone-ratelimit-remaining": inUnit(s.remaining),
    "helicone-ratelimit-policy": bucket.policy.label,
    "helicone-ratelimit-reset": String(Math.max(0, Math.ceil(s.resetMs / 1000))),
  };
}

/** After the call: reservations in tokens or cents become what the request really used. */
export async function settleRateLimits(ctx: GatewayContext, deps: GatewayDeps, used: { tokens: number; costNano: bigint | null }) {
  for (const r of ctx.rateLimitReservations ?? []) {
    const actual = r.unit === "tokens" ? used.tokens : Number(used.costNano ?? 0n);
    await deps.rateLimits.settle(r, actual).catch(() => {});
  }
}
