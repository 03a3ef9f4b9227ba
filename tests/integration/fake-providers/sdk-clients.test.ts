// The fake providers must be indistinguishable from the real APIs to the official SDKs,
// since every gateway test relies on them.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeProviders, startFakeProviders } from "../../support/fake-providers/server";

let fake: FakeProviders;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  fake = await startFakeProviders();
  openai = new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: "sk-test", maxRetries: 0, timeout: 5000 });
  anthropic = new Anthropic({ baseURL: fake.url, apiKey: "sk-ant-test", maxRetries: 0, timeout: 5000 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const messages = [{ role: "user" as const, content: "What is an AI gateway?" }];
const weatherTool = {
  type: "function" as const,
  function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};

describe("fake OpenAI", () => {
  it("answers a chat completion deterministically with usage and rate-limit headers", async () => {
    const { data, response } = await openai.chat.completions.create({ model: "gpt-4o-mini", messages }).withResponse();
    expect(data.choices[0]?.message.content).toBe("This is a deterministic reply from the fake openai provider to: What is an AI gateway?");
    expect(data.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 22, total_tokens: 32 });
    expect(response.headers.get("x-ratelimit-limit-requests")).toBe("10000");
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("9999");
    const again = await openai.chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(again.id).toBe(data.id);
  });

  it("streams the same text as SSE, with a usage chunk only when asked", async () => {
    const withUsage = await openai.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true, stream_options: { include_usage: true } });
    let text = "";
    let usage;
    for await (const chunk of withUsage) {
      text += chunk.choices[0]?.delta.content ?? "";
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe("This is a deterministic reply from the fake openai provider to: What is an AI gateway?");
    expect(usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 22 });

    const chunks = [];
    for await (const chunk of await openai.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true })) chunks.push(chunk);
    expect(chunks.every((c) => !c.usage)).toBe(true);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
  });

  it("calls tools, streamed and not", async () => {
    const json = await openai.chat.completions.create({ model: "gpt-4o", messages, tools: [weatherTool] });
    expect(json.choices[0]?.finish_reason).toBe("tool_calls");
    const call = json.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === "function" && call.function).toEqual({ name: "get_weather", arguments: '{"city":"example-city"}' });

    const runner = openai.chat.completions.stream({ model: "gpt-4o", messages, tools: [weatherTool] });
    const final = await runner.finalChatCompletion();
    const streamed = final.choices[0]?.message.tool_calls?.[0];
    expect(streamed?.type === "function" && JSON.parse(streamed.function.arguments)).toEqual({ city: "example-city" });
  });

  it("embeds in the SDK's default base64 encoding and as floats", async () => {
    const res = await openai.embeddings.create({ model: "text-embedding-3-small", input: ["a", "b"], dimensions: 8 });
    expect(res.data).toHaveLength(2);
    expect(res.data[0]?.embedding).toHaveLength(8);
    const norm = Math.hypot(...(res.data[0]?.embedding ?? []));
    expect(norm).toBeCloseTo(1, 5);
    const floats = await openai.embeddings.create({ model: "text-embedding-3-small", input: "a", dimensions: 8, encoding_format: "float" });
    expect(floats.data[0]?.embedding[0]).toBeCloseTo(res.data[0]?.embedding[0] ?? NaN, 5);
  });

  it("lists models", async () => {
    const ids = [];
    for await (const model of openai.models.list()) ids.push(model.id);
    expect(ids).toContain("gpt-4o-mini");
  });

  it("returns OpenAI error bodies: 429 with retry-after, 500, 503, 401", async () => {
    const err = await openai.chat.completions.create({ model: "gpt-4o-mini+error-429+retry-after-3", messages }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err.code).toBe("rate_limit_exceeded");
    expect(err.headers.get("retry-after")).toBe("3");
    await expect(openai.chat.completions.create({ model: "gpt-4o-mini+error-500", messages })).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await expect(openai.chat.completions.create({ model: "gpt-4o-mini+error-503", messages })).rejects.toMatchObject({ status: 503 });
    const bad = new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: "invalid", maxRetries: 0 });
    await expect(bad.chat.completions.create({ model: "gpt-4o-mini", messages })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("fails only the first N times, then recovers (for retry tests)", async () => {
    const model = "gpt-4o-mini+error-503+times-2";
    await expect(openai.chat.completions.create({ model, messages })).rejects.toMatchObject({ status: 503 });
    await expect(openai.chat.completions.create({ model, messages })).rejects.toMatchObject({ status: 503 });
    const ok = await openai.chat.completions.create({ model, messages });
    expect(ok.model).toBe("gpt-4o-mini");
    expect(fake.counts()["/v1/chat/completions"]).toBe(3);
  });

  it("delays the first byte, drops a stream, stalls a stream, and sends malformed SSE", async () => {
    const started = Date.now();
    await openai.chat.completions.create({ model: "gpt-4o-mini", messages }, { headers: { "x-fake-behavior": "delay-300" } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    // The SDK's timeout covers only the wait for headers, so the stall is cut by a signal.
    const consume = async (model: string) => {
      let text = "";
      const stream = await openai.chat.completions.create({ model, messages, stream: true }, { signal: AbortSignal.timeout(1000) });
      for await (const c of stream) text += c.choices[0]?.delta.content ?? "";
      return text;
    };
    await expect(consume("gpt-4o-mini+drop-3")).rejects.toThrow();
    await expect(consume("gpt-4o-mini+malformed")).rejects.toThrow();
    // The SDK ends an aborted stream quietly: what arrived before the stall is all there is.
    const stallStart = Date.now();
    expect(await consume("gpt-4o-mini+stall-2")).toBe("This is ");
    expect(Date.now() - stallStart).toBeGreaterThanOrEqual(900);
    expect(await consume("gpt-4o-mini")).toContain("deterministic reply");
  });
});

describe("fake Anthropic", () => {
  it("answers a message with usage and anthropic rate-limit headers", async () => {
    const { data, response } = await anthropic.messages.create({ model: "claude-haiku-4-5", max_tokens: 100, messages }).withResponse();
    expect(data.content[0]).toEqual({ type: "text", text: "This is a deterministic reply from the fake anthropic provider to: What is an AI gateway?" });
    expect(data.stop_reason).toBe("end_turn");
    expect(data.usage).toMatchObject({ input_tokens: 10, output_tokens: 23 });
    expect(response.headers.get("anthropic-ratelimit-requests-limit")).toBe("4000");
    expect(response.headers.get("anthropic-ratelimit-tokens-remaining")).toMatch(/^\d+$/);
  });

  it("streams the Messages event sequence", async () => {
    const stream = anthropic.messages.stream({ model: "claude-haiku-4-5", max_tokens: 100, system: "Be brief.", messages });
    const types: string[] = [];
    stream.on("streamEvent", (event) => types.push(event.type));
    const final = await stream.finalMessage();
    expect(final.content[0]).toMatchObject({ type: "text", text: expect.stringContaining("AI gateway") });
    expect(final.usage.output_tokens).toBe(23);
    expect(types[0]).toBe("message_start");
    expect(types).toContain("content_block_delta");
    expect(types.at(-1)).toBe("message_stop");
  });

  it("uses tools", async () => {
    const res = await anthropic.messages.create({
      model: "claude-sonnet-4-6",
      max_tokens: 100,
      messages,
      tools: [{ name: "get_weather", input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } }],
    });
    expect(res.stop_reason).toBe("tool_use");
    expect(res.content[0]).toMatchObject({ type: "tool_use", name: "get_weather", input: { city: "example-city" } });
  });

  it("returns Anthropic error bodies", async () => {
    const err = await anthropic.messages.create({ model: "claude-haiku-4-5+error-429", max_tokens: 10, messages }).catch((e) => e);
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    expect(err.error).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
    expect(err.headers.get("retry-after")).toBe("1");
    await expect(anthropic.messages.create({ model: "claude-haiku-4-5+error-529", max_tokens: 10, messages })).rejects.toMatchObject({ status: 529 });
  });
});
