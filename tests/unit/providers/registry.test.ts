import { describe, expect, it } from "vitest";
import { loadProviderConfigs } from "@/lib/providers/config";
import { resolveModel } from "@/lib/providers/registry";

const providers = loadProviderConfigs({ OPENAI_API_KEY: "k", TOLLGATE_PROVIDERS: "lab=http://127.0.0.1:8000/v1/, bad entry, openai=http://x" , LAB_API_KEY: "lab-key" });
const route = (model: string) => {
  const r = resolveModel(model, providers);
  return r.ok ? `${r.value.provider.id}:${r.value.model}` : "unroutable";
};

describe("resolveModel", () => {
  it.each([
    ["gpt-4o-mini", "openai:gpt-4o-mini"],
    ["o3-mini", "openai:o3-mini"],
    ["o1", "openai:o1"],
    ["chatgpt-4o-latest", "openai:chatgpt-4o-latest"],
    ["text-embedding-3-small", "openai:text-embedding-3-small"],
    ["claude-haiku-4-5", "anthropic:claude-haiku-4-5"],
    ["gemini-2.5-flash", "google:gemini-2.5-flash"],
    ["text-embedding-004", "google:text-embedding-004"],
    ["mistral-small-latest", "mistral:mistral-small-latest"],
    ["codestral-latest", "mistral:codestral-latest"],
    ["groq/llama-3.3-70b-versatile", "groq:llama-3.3-70b-versatile"],
    ["openrouter/anthropic/claude-3.5-sonnet", "openrouter:anthropic/claude-3.5-sonnet"],
    ["anthropic/claude-sonnet-4-6", "anthropic:claude-sonnet-4-6"],
    ["lab/qwen2.5-7b", "lab:qwen2.5-7b"],
    ["gpt-4o-mini/openai", "openai:gpt-4o-mini"],
    ["claude-4.5-haiku/anthropic", "anthropic:claude-haiku-4-5"],
    ["claude-4.5-haiku", "anthropic:claude-haiku-4-5"],
    ["claude-4-sonnet", "anthropic:claude-sonnet-4-0"],
    ["claude-opus-4.1", "anthropic:claude-opus-4-1"],
    ["claude-haiku-4.5-20251001", "anthropic:claude-haiku-4-5-20251001"],
    ["claude-3.7-sonnet", "anthropic:claude-3-7-sonnet-latest"],
    ["anthropic/claude-4.6-sonnet", "anthropic:claude-sonnet-4-6"],
    ["llama-3.3-70b-versatile/groq", "groq:llama-3.3-70b-versatile"],
    ["openrouter/claude-3.7-sonnet", "openrouter:claude-3.7-sonnet"],
    ["llama-3.3-70b-versatile", "unroutable"],
    ["meta-llama/Llama-3-70b", "unroutable"],
  ])("%s → %s", (model, expected) => {
    expect(route(model)).toBe(expected);
  });

  it("reads custom providers and base URLs from env, ignoring malformed entries and known names", () => {
    expect(providers.get("lab")).toMatchObject({ baseUrl: "http://127.0.0.1:8000/v1", apiKey: "lab-key", format: "openai" });
    expect(providers.get("openai")?.baseUrl).toBe("https://api.openai.com/v1");
    expect(providers.get("anthropic")?.baseUrl).toBe("https://api.anthropic.com");
    expect(providers.has("vllm")).toBe(false); // no default URL
  });

  it("says how to fix an unroutable model", () => {
    const r = resolveModel("my-model", providers);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("groq/llama-3.3-70b-versatile");
  });
});

describe("an unroutable model", () => {
  it("names the close matches among the models the providers serve", () => {
    const result = resolveModel("llama-3.3-70b-versatil", providers);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('Did you mean "groq/llama-3.3-70b-versatile"');
    const far = resolveModel("completely-unknown-thing", providers);
    expect(!far.ok && far.message).not.toContain("Did you mean");
  });
});
