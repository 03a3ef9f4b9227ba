// Token counts when the provider reported none (a stream cut off before its usage chunk, or a
// provider that never sends usage). Marked estimated in the log.
import { countTokens } from "gpt-tokenizer";
import type { Usage } from "../providers/usage";

/** Every string value in a request's messages/system/input, for counting prompt tokens. */
function promptText(body: Record<string, unknown> | undefined): string {
  if (!body) return "";
  const parts: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === "string") parts.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === "object") {
      const v = value as Record<string, unknown>;
      for (const key of ["content", "text", "input", "prompt", "system", "messages", "arguments"]) if (key in v) collect(v[key]);
    }
  };
  for (const key of ["messages", "system", "input", "prompt"]) collect(body[key]);
  return parts.join("\n");
}

export function estimateUsage(body: Record<string, unknown> | undefined, outputText: string): Usage {
  return {
    promptTokens: countTokens(promptText(body)),
    completionTokens: outputText ? countTokens(outputText) : 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    estimated: true,
  };
}
