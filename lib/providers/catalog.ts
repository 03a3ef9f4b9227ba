// The providers Tollgate knows, as data. Base URLs follow each official SDK's convention:
// OpenAI-compatible ones end in /v1 (or their equivalent), Anthropic's is the bare host.

export type WireFormat = "openai" | "anthropic";

export interface ProviderSpec {
  /** Wire format of the upstream API. */
  format: WireFormat;
  /** Prefix of its env vars: <PREFIX>_API_KEY and <PREFIX>_BASE_URL. */
  env: string;
  defaultBaseUrl?: string;
  /** Local servers (Ollama, vLLM) need no key. */
  keyOptional?: boolean;
  /** Provider id in @pydantic/genai-prices, when it differs. */
  pricingId?: string;
  /** False for APIs that may refuse OpenAI's stream_options (the gateway then doesn't add it). */
  acceptsStreamOptions?: boolean;
}

export const PROVIDERS = {
  openai: { format: "openai", env: "OPENAI", defaultBaseUrl: "https://api.openai.com/v1" },
  anthropic: { format: "anthropic", env: "ANTHROPIC", defaultBaseUrl: "https://api.anthropic.com" },
  google: { format: "openai", env: "GOOGLE", defaultBaseUrl: "https://generativelanguage.googleapis.com/v1beta/openai" },
  groq: { format: "openai", env: "GROQ", defaultBaseUrl: "https://api.groq.com/openai/v1" },
  mistral: { format: "openai", env: "MISTRAL", defaultBaseUrl: "https://api.mistral.ai/v1", acceptsStreamOptions: false },
  deepseek: { format: "openai", env: "DEEPSEEK", defaultBaseUrl: "https://api.deepseek.com/v1" },
  xai: { format: "openai", env: "XAI", defaultBaseUrl: "https://api.x.ai/v1", pricingId: "x-ai" },
  together: { format: "openai", env: "TOGETHER", defaultBaseUrl: "https://api.together.xyz/v1" },
  fireworks: { format: "openai", env: "FIREWORKS", defaultBaseUrl: "https://api.fireworks.ai/inference/v1" },
  openrouter: { format: "openai", env: "OPENROUTER", defaultBaseUrl: "https://openrouter.ai/api/v1" },
  azure: { format: "openai", env: "AZURE_OPENAI", pricingId: "openai" },
  ollama: { format: "openai", env: "OLLAMA", defaultBaseUrl: "http://127.0.0.1:11434/v1", keyOptional: true },
  vllm: { format: "openai", env: "VLLM", keyOptional: true },
} as const satisfies Record<string, ProviderSpec>;

export type KnownProvider = keyof typeof PROVIDERS;

export const isKnownProvider = (id: string): id is KnownProvider => Object.hasOwn(PROVIDERS, id);

/** Which provider serves a bare model name, by its prefix. */
const MODEL_PREFIXES: [RegExp, KnownProvider][] = [
  [/^text-embedding-0\d\d$/, "google"],
  [/^(gpt-|chatgpt-|o[134](-|$)|text-embedding-|davinci|babbage|omni-moderation|computer-use-)/, "openai"],
  [/^claude-/, "anthropic"],
  [/^(gemini-|gemma-)/, "google"],
  [/^(mistral-|codestral-|open-mistral-|ministral-|pixtral-|magistral-|devstral-)/, "mistral"],
];

export function providerForModel(model: string): KnownProvider | undefined {
  return MODEL_PREFIXES.find(([pattern]) => pattern.test(model))?.[1];
}
