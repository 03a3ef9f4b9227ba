// Token usage in one shape, whatever the provider reported.

export interface Usage {
  /** All input tokens, including cached reads and cache writes. */
  promptTokens: number;
  /** All output tokens, including reasoning. */
  completionTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** True when counted by Tollgate's tokenizer because the provider reported nothing. */
  estimated: boolean;
}

const n = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);

type Obj = Record<string, unknown> | undefined;

/** OpenAI chat/completions/embeddings usage, and the Responses API's variant. */
export function openAiUsage(usage: unknown): Usage | null {
  if (!usage || typeof usage !== "object") return null;
  const u = usage as Record<string, unknown>;
  const promptDetails = (u.prompt_tokens_details ?? u.input_tokens_details) as Obj;
  const completionDetails = (u.completion_tokens_details ?? u.output_tokens_details) as Obj;
  return {
    promptTokens: n(u.prompt_tokens ?? u.input_tokens),
    completionTokens: n(u.completion_tokens ?? u.output_tokens),
    cachedInputTokens: n(promptDetails?.cached_tokens),
    cacheWriteTokens: 0,
    reasoningTokens: n(completionDetails?.reasoning_tokens),
    estimated: false,
  };
}

/** Anthropic usage: input_tokens excludes cache reads and writes, which are reported apart. */
export function anthropicUsage(usage: unknown): Usage | null {
  if (!usage || typeof usage !== "object") return null;
  const u = usage as Record<string, unknown>;
  const cached = n(u.cache_read_input_tokens);
  const written = n(u.cache_creation_input_tokens);
  return {
    promptTokens: n(u.input_tokens) + cached + written,
    completionTokens: n(u.output_tokens),
    cachedInputTokens: cached,
    cacheWriteTokens: written,
    reasoningTokens: 0,
    estimated: false,
  };
}

/** OpenAI's usage object from our Usage (for translated responses). */
export function toOpenAiUsage(u: Usage) {
  return {
    prompt_tokens: u.promptTokens,
    completion_tokens: u.completionTokens,
    total_tokens: u.promptTokens + u.completionTokens,
    prompt_tokens_details: { cached_tokens: u.cachedInputTokens },
    completion_tokens_details: { reasoning_tokens: u.reasoningTokens },
  };
}

/** Anthropic's usage object from our Usage (for translated responses). */
export function toAnthropicUsage(u: Usage) {
  return {
    input_tokens: u.promptTokens - u.cachedInputTokens - u.cacheWriteTokens,
    output_tokens: u.completionTokens,
    cache_read_input_tokens: u.cachedInputTokens,
    cache_creation_input_tokens: u.cacheWriteTokens,
  };
}
