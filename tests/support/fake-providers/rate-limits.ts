// Realistic rate-limit headers: a per-minute window whose remaining counts go down as
// requests arrive, like the real providers report them.

const WINDOW_MS = 60_000;

export class RateLimitWindow {
  private start = Date.now();
  private requests = 0;
  private tokens = 0;

  constructor(
    readonly requestLimit: number,
    readonly tokenLimit: number,
  ) {}

  /** Records one request of `tokens` tokens and returns what remains in the window. */
  take(tokens: number) {
    const now = Date.now();
    if (now - this.start >= WINDOW_MS) {
      this.start = now;
      this.requests = 0;
      this.tokens = 0;
    }
    this.requests++;
    this.tokens += tokens;
    return {
      remainingRequests: Math.max(0, this.requestLimit - this.requests),
      remainingTokens: Math.max(0, this.tokenLimit - this.tokens),
      resetMs: this.start + WINDOW_MS - now,
    };
  }

  reset() {
    this.start = Date.now();
    this.requests = 0;
    this.tokens = 0;
  }
}

/** OpenAI's headers: x-ratelimit-{limit,remaining,reset}-{requests,tokens}. */
export function openAiRateLimitHeaders(window: RateLimitWindow, tokens: number): Record<string, string> {
  const r = window.take(tokens);
  return {
    "x-ratelimit-limit-requests": String(window.requestLimit),
    "x-ratelimit-limit-tokens": String(window.tokenLimit),
    "x-ratelimit-remaining-requests": String(r.remainingRequests),
    "x-ratelimit-remaining-tokens": String(r.remainingTokens),
    "x-ratelimit-reset-requests": `${Math.ceil(r.resetMs / 1000)}s`,
    "x-ratelimit-reset-tokens": `${Math.ceil(r.resetMs / 1000)}s`,
  };
}

/** Anthropic's headers: anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}. */
export function anthropicRateLimitHeaders(window: RateLimitWindow, inputTokens: number, outputTokens: number): Record<string, string> {
  const r = window.take(inputTokens + outputTokens);
  const reset = new Date(Date.now() + r.resetMs).toISOString().replace(/\.\d{3}Z$/, "Z");
  const half = Math.floor(window.tokenLimit / 2);
  return {
    "anthropic-ratelimit-requests-limit": String(window.requestLimit),
    "anthropic-ratelimit-requests-remaining": String(r.remainingRequests),
    "anthropic-ratelimit-requests-reset": reset,
    "anthropic-ratelimit-tokens-limit": String(window.tokenLimit),
    "anthropic-ratelimit-tokens-remaining": String(r.remainingTokens),
    "anthropic-ratelimit-tokens-reset": reset,
    "anthropic-ratelimit-input-tokens-limit": String(half),
    "anthropic-ratelimit-input-tokens-remaining": String(Math.max(0, half - inputTokens)),
    "anthropic-ratelimit-input-tokens-reset": reset,
    "anthropic-ratelimit-output-tokens-limit": String(half),
    "anthropic-ratelimit-output-tokens-remaining": String(Math.max(0, half - outputTokens)),
    "anthropic-ratelimit-output-tokens-reset": reset,
  };
}
