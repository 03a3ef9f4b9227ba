// A provider named some other way (OpenTelemetry's gen_ai.system "aws.bedrock", the AI SDK's
// "openai.chat", "mistral_ai") as the id @pydantic/genai-prices prices it under.
import { findProvider } from "@pydantic/genai-prices";

/** The genai-prices id for a provider name, or undefined when it prices no such provider. */
export function pricingProviderId(name: string): string | undefined {
  return findProvider({ providerId: name.toLowerCase() })?.id;
}
