// Gateway rate limits: sliding windows over what each request used, kept exact under
// concurrency (one atomic check-and-add for all of a request's limits at once).

export type LimitUnit = "requests" | "tokens" | "cents";

export interface RateLimitPolicy {
  quota: number;
  windowSeconds: number;
  unit: LimitUnit;
  /** Whose budget: the whole workspace, each user, or each value of a property. */
  segment: { kind: "workspace" } | { kind: "user" } | { kind: "property"; name: string };
  /** How the policy is shown in Helicone-RateLimit-Policy. */
  label: string;
}

/** One window the request must fit in. */
export interface Bucket {
  key: string;
  windowMs: number;
  /** The quota in the unit's smallest step: requests, tokens, or nano-USD for cents. */
  limit: number;
  /** What this request reserves: 1 request, or its maximum tokens or cost. */
  amount: number;
  policy: RateLimitPolicy;
}

export interface BucketState {
  remaining: number;
  /** Milliseconds until the oldest use in the window expires. */
  resetMs: number;
}

export type Decision = { allowed: true; states: BucketState[] } | { allowed: false; blockedIndex: number; states: BucketState[] };

export interface Reservation {
  key: string;
  member: string;
  amount: number;
}

export interface RateLimitStore {
  /** Atomically: if the request fits in every bucket, records it in all of them. */
  take(requestId: string, buckets: Bucket[], now: number): Promise<Decision>;
  /** Replaces a reservation with what the request really used (0 releases it). */
  settle(reservation: Reservation, actual: number): Promise<void>;
  close(): Promise<void>;
}

/** Members encode their amount so a window's total can be summed from the set alone. */
export const memberOf = (requestId: string, amount: number) => `${requestId}:${amount}`;
export const amountOf = (member: string) => Number(member.slice(member.lastIndexOf(":") + 1));
