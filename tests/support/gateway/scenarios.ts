// What every gateway entry point must do, driven by the official SDKs as users drive it.
// Run by tests/integration/gateway (the core in-process) and tests/e2e/gateway (npm start's
// custom server and Next's route handlers).
import Anthropic from "@anthropic-ai/sdk";
import { createOpenAI } from "@ai-sdk/openai";
import { createHelicone } from "@helicone/ai-sdk-provider";
import { ChatOpenAI } from "@langchain/openai";
import { HeliconeManualLogger } from "@helicone/helpers";
import { generateObject, generateText, streamObject, streamText } from "ai";
import { z } from "zod";
import OpenAI, { toFile } from "openai";
import { expect, it } from "vitest";
import { budgetScenarios } from "./budget-scenarios";
import type { GatewayHarness } from "./harness";
import { otelScenarios } from "./otel-scenarios";

const messages = [{ role: "user" as const, content: "What is an AI gateway?" }];
const weatherTool = {
  type: "function" as const,
  function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};

const bigintSafe = (_key: string, value: unknown) => (typeof value === "bigint" ? String(value) : value);

/** Waits for the row matching `where` in the test workspace (rows reported without an id we know). */
async function waitForRow(h: GatewayHarness, where: Record<string, unknown>) {
  for (let i = 0; i < 100; i++) {
    const row = await h.t.db.request.findFirst({ where: { workspaceId: h.workspaceId, ...where } });
    if (row) return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no row matching ${JSON.stringify(where)}`);
}

const openai = (h: GatewayHarness, options: { v1?: boolean; apiKey?: string; headers?: Record<string, string> } = {}) =>
  new OpenAI({ baseURL: options.v1 === false ? h.url : `${h.url}/v1`, apiKey: options.apiKey ?? h.key, maxRetries: 0, timeout: 10_000, defaultHeaders: options.headers });

const anthropic = (h: GatewayHarness) => new Anthropic({ baseURL: h.url, apiKey: h.key, maxRetries: 0, timeout: 10_000 });

/** POSTs raw JSON (or text) to a gateway path, as cURL would. */
async function post(h: GatewayHarness, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${h.key}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as { error: { message: string; type: string; param: string | null; code: string | null } } };
}

export function gatewayScenarios(h: () => GatewayHarness) {
  taggingScenarios(h);
  cacheScenarios(h);
  retryAndFallbackScenarios(h);
  rateLimitScenarios(h);
  budgetScenarios(h);
  otelScenarios(h);

  it("serves the seed's TypeScript example with a bare base URL, and logs it with exact cost", async () => {
    const client = openai(h(), { v1: false });
    const { data, response } = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello from TypeScript!" }] }).withResponse();
    expect(data.choices[0]?.message.content).toBe("This is a deterministic reply from the fake openai provider to: Hello from TypeScript!");
    const id = response.headers.get("helicone-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("x-request-id")).toBe(id);
    expect(response.headers.get("x-ratelimit-limit-requests")).toBe("10000");

    const row = await h().row(id);
    expect(row).toMatchObject({ provider: "openai", modelRequested: "gpt-4o-mini", modelServed: "gpt-4o-mini", path: "/v1/chat/completions", status: 200, streamed: false, usageEstimated: false });
    expect(row.promptTokens).toBe(data.usage?.prompt_tokens);
    expect(row.completionTokens).toBe(data.usage?.completion_tokens);
    // gpt-4o-mini: $0.15 / $0.60 per million tokens.
    expect(row.costNanoUsd).toBe(BigInt(row.promptTokens! * 150 + row.completionTokens! * 600));
    expect(row.latencyMs).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(row.requestBody!)).toMatchObject({ model: "gpt-4o-mini" });
    expect(JSON.parse(row.responseBody!).choices[0].message.content).toContain("Hello from TypeScript!");
    expect(JSON.stringify(row, bigintSafe)).not.toContain(h().key);
  });

  it("serves the seed's cURL example on /v1/chat/completions", async () => {
    const res = await fetch(`${h().url}/v1/chat/completions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${h().key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello!" }] }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { object: string }).object).toBe("chat.completion");
  });

  it("streams with usage when asked, hides the usage chunk when not, and logs real counts either way", async () => {
    const client = openai(h());
    const withUsage = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true, stream_options: { include_usage: true } }).withResponse();
    let text = "";
    let usage;
    for await (const chunk of withUsage.data) {
      text += chunk.choices[0]?.delta.content ?? "";
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe("This is a deterministic reply from the fake openai provider to: What is an AI gateway?");
    expect(usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 22 });

    const plain = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true }).withResponse();
    const chunks = [];
    for await (const chunk of plain.data) chunks.push(chunk);
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.every((c) => c.choices.length === 1)).toBe(true);

    const row = await h().row(plain.response.headers.get("helicone-id")!);
    expect(row).toMatchObject({ streamed: true, status: 200, promptTokens: 10, completionTokens: 22, usageEstimated: false });
    expect(row.timeToFirstTokenMs).not.toBeNull();
    expect(JSON.parse(row.responseBody!).choices[0].message.content).toBe(text);
  });

  it("routes claude-* through the OpenAI SDK by translating to Anthropic, plain and streamed", async () => {
    const client = openai(h());
    const { data, response } = await client.chat.completions
      .create({ model: "claude-haiku-4-5", messages: [{ role: "system", content: "Be brief." }, ...messages], max_tokens: 200 })
      .withResponse();
    expect(data.object).toBe("chat.completion");
    expect(data.choices[0]?.message.content).toBe("This is a deterministic reply from the fake anthropic provider to: What is an AI gateway?");
    expect(data.choices[0]?.finish_reason).toBe("stop");
    expect(data.usage).toMatchObject({ prompt_tokens: 17, completion_tokens: 23 });
    const sent = h().fake.requests().at(-1)!;
    expect(sent.path).toBe("/v1/messages");
    expect(sent.headers["x-api-key"]).toBe("sk-ant-gateway");
    expect(sent.body).toMatchObject({ model: "claude-haiku-4-5", system: "Be brief.", max_tokens: 200 });
    const row = await h().row(response.headers.get("helicone-id")!);
    // claude-haiku-4-5: $1 / $5 per million tokens.
    expect(row).toMatchObject({ provider: "anthropic", promptTokens: 17, completionTokens: 23, costNanoUsd: BigInt(17 * 1000 + 23 * 5000) });

    let text = "";
    let usage;
    for await (const chunk of await client.chat.completions.create({ model: "claude-haiku-4-5", messages, stream: true, stream_options: { include_usage: true } })) {
      text += chunk.choices[0]?.delta.content ?? "";
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe(data.choices[0]?.message.content);
    expect(usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 23 });
  });

  it("understands Helicone's AI-gateway model strings: model/provider, registry names, and a comma chain", async () => {
    const client = openai(h());
    const sent = () => h().fake.requests().at(-1)!;
    const viaSuffix = await client.chat.completions.create({ model: "gpt-4o-mini/openai", messages }).withResponse();
    expect(sent()).toMatchObject({ path: "/v1/chat/completions", body: { model: "gpt-4o-mini" } });
    const suffixRow = await h().row(viaSuffix.response.headers.get("x-request-id")!);
    expect(suffixRow).toMatchObject({ provider: "openai", modelRequested: "gpt-4o-mini/openai" });
    expect(suffixRow.costNanoUsd).toBeGreaterThan(0n);

    for (const model of ["claude-4.5-haiku/anthropic", "claude-4.5-haiku", "anthropic/claude-4.5-haiku"]) {
      const { response } = await client.chat.completions.create({ model, messages, max_tokens: 50 }).withResponse();
      expect(sent(), model).toMatchObject({ path: "/v1/messages", body: { model: "claude-haiku-4-5" } });
      expect(response.headers.get("helicone-model")).toBe("claude-haiku-4-5");
      // Priced exactly as the provider's own id: $1 / $5 per million tokens.
      const row = await h().row(response.headers.get("x-request-id")!);
      expect(row).toMatchObject({ provider: "anthropic", modelRequested: model, promptTokens: 10, completionTokens: 23, costNanoUsd: BigInt(10 * 1000 + 23 * 5000) });
    }

    const chained = await client.chat.completions.create({ model: "gpt-4o-mini+error-503, claude-4.5-haiku/anthropic", messages, max_tokens: 50 }).withResponse();
    expect(chained.response.headers.get("helicone-fallback-index")).toBe("1");
    expect(chained.data.choices[0]?.message.content).toContain("fake anthropic provider");
    const row = await h().row(chained.response.headers.get("x-request-id")!);
    expect(row).toMatchObject({ status: 200, provider: "anthropic", fallbackIndex: 1 });
    expect(JSON.parse(row.attempts!)).toMatchObject([{ provider: "openai", status: 503 }, { provider: "anthropic", status: 200 }]);

    // One name per model: a call no model answered is logged under the model it was routed to,
    // so it counts with the answered ones, not under the name the caller wrote.
    // (The fake fails a model named with +error-500.)
    const failed = await client.chat.completions.create({ model: "anthropic/claude-haiku-4-5+error-500", messages }).catch((e: InstanceType<typeof OpenAI.APIError>) => e);
    expect(failed).toMatchObject({ status: 500 });
    const failedRow = await h().row((failed as InstanceType<typeof OpenAI.APIError>).headers!.get("x-request-id")!);
    expect(failedRow).toMatchObject({ status: 500, modelRequested: "anthropic/claude-haiku-4-5+error-500", modelServed: "claude-haiku-4-5+error-500" });
  });

  it("logs calls reported by Helicone's HeliconeManualLogger, priced, timed and tagged like proxied ones", async () => {
    const user = `reported-${Math.random().toString(36).slice(2)}`;
    const logger = new HeliconeManualLogger({ apiKey: h().key, loggingEndpoint: h().url, headers: { "Helicone-Property-Source": "manual" } });
    const request = { model: "gpt-4o-mini", messages: [{ role: "user", content: "Reported after the fact" }] };
    const completion = { id: "chatcmpl-1", object: "chat.completion", model: "gpt-4o-mini-2024-07-18", choices: [{ index: 0, message: { role: "assistant", content: "Done." }, finish_reason: "stop" }], usage: { prompt_tokens: 12, completion_tokens: 30, total_tokens: 42 } };
    await logger.logRequest(request, async (recorder) => recorder.appendResults(completion), { "Helicone-User-Id": user, "Helicone-Session-Id": "manual-session" });
    const reported = await waitForRow(h(), { userId: user });
    // gpt-4o-mini: $0.15 / $0.60 per million tokens.
    expect(reported).toMatchObject({ path: "/custom/v1/log", provider: "openai", modelRequested: "gpt-4o-mini", modelServed: "gpt-4o-mini-2024-07-18", status: 200, promptTokens: 12, completionTokens: 30, costNanoUsd: BigInt(12 * 150 + 30 * 600), sessionId: "manual-session" });
    expect(await h().t.db.requestProperty.findFirst({ where: { requestId: reported.id, key: "source" } })).toMatchObject({ value: "manual" });

    // Helicone's async form for Anthropic: headers in meta, a stream as its SSE text, its own timing.
    const stream = [
      { type: "message_start", message: { id: "msg_1", type: "message", role: "assistant", model: "claude-haiku-4-5", content: [], usage: { input_tokens: 20, output_tokens: 1 } } },
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Streamed." } },
      { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 40 } },
      { type: "message_stop" },
    ].map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join("");
    const started = Date.now() - 5000;
    const res = await fetch(`${h().url}/anthropic/v1/log`, {
      method: "POST",
      headers: { authorization: `Bearer ${h().key}`, "content-type": "application/json" },
      body: JSON.stringify({
        providerRequest: { url: "https://api.anthropic.com/v1/messages", json: { model: "claude-haiku-4-5", max_tokens: 100, messages: [{ role: "user", content: "hi" }], stream: true }, meta: { "Helicone-User-Id": `${user}-2` } },
        providerResponse: { textBody: stream, status: 200, headers: {} },
        timing: { startTime: { seconds: Math.trunc(started / 1000), milliseconds: started % 1000 }, endTime: { seconds: Math.trunc((started + 1234) / 1000), milliseconds: (started + 1234) % 1000 }, timeToFirstToken: 210 },
      }),
    });
    expect(res.status).toBe(200);
    const streamed = await h().row(((await res.json()) as { id: string }).id);
    expect(streamed).toMatchObject({ path: "/anthropic/v1/log", provider: "anthropic", userId: `${user}-2`, streamed: true, promptTokens: 20, completionTokens: 40, latencyMs: 1234, timeToFirstTokenMs: 210, costNanoUsd: BigInt(20 * 1000 + 40 * 5000) });
    expect(streamed.createdAt.getTime()).toBe(started);

    const bad = await fetch(`${h().url}/oai/v1/log`, { method: "POST", headers: { authorization: `Bearer ${h().key}` }, body: JSON.stringify({ providerRequest: "x" }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_value", param: "providerRequest" } });
  });

  it("passes the rest of OpenAI's API through and logs it: moderations, images, audio, files, batches", async () => {
    const client = openai(h());
    const idOf = (response: Response) => response.headers.get("x-request-id")!;

    const moderation = await client.moderations.create({ model: "omni-moderation-latest", input: "hello" }).withResponse();
    expect(moderation.data.results[0]?.flagged).toBe(false);
    expect(await h().row(idOf(moderation.response))).toMatchObject({ path: "/v1/moderations", provider: "openai", status: 200, costNanoUsd: 0n });

    const image = await client.images.generate({ model: "gpt-image-1", prompt: "a gate" }).withResponse();
    expect(image.data.data?.[0]?.b64_json).toBeTruthy();
    const imageRow = await h().row(idOf(image.response));
    expect(imageRow).toMatchObject({ path: "/v1/images/generations", modelRequested: "gpt-image-1", promptTokens: 50, completionTokens: 272 });
    expect(imageRow.costNanoUsd).toBeGreaterThan(0n);
    // An image model that reports no usage cannot be priced: unpriced, not $0.
    const dalle = await client.images.generate({ model: "dall-e-3", prompt: "a gate" }).withResponse();
    expect((await h().row(idOf(dalle.response))).costNanoUsd).toBeNull();

    const speech = await client.audio.speech.create({ model: "gpt-4o-mini-tts", voice: "alloy", input: "Hello there" }).withResponse();
    const audio = Buffer.from(await speech.data.arrayBuffer());
    expect(speech.response.headers.get("content-type")).toBe("audio/mpeg");
    expect(audio.length).toBe(48 * 1024);
    expect(audio.subarray(0, 3).toString("latin1")).toBe("ID3");
    expect(await h().row(idOf(speech.response))).toMatchObject({ path: "/v1/audio/speech", status: 200, responseBytes: 48 * 1024, responseBody: null });

    const recording = await toFile(Buffer.alloc(20_000, 1), "hello.wav", { type: "audio/wav" });
    const transcript = await client.audio.transcriptions.create({ model: "gpt-4o-transcribe", file: recording }).withResponse();
    expect(transcript.data.text).toMatch(/^Transcribed \d+ bytes of audio\.$/);
    expect(await h().row(idOf(transcript.response))).toMatchObject({ path: "/v1/audio/transcriptions", status: 200, requestBodyState: "omitted", promptTokens: 120, completionTokens: 12 });
    expect(h().fake.requests().at(-1)!.body).toMatchObject({ model: "gpt-4o-transcribe" });

    const upload = await client.files.create({ file: await toFile(Buffer.from('{"custom_id":"1"}\n'), "batch.jsonl"), purpose: "batch" }).withResponse();
    expect(upload.data).toMatchObject({ object: "file", purpose: "batch" });
    const listed = await client.files.list();
    expect(listed.data.some((f) => f.id === upload.data.id)).toBe(true);
    const batch = await client.batches.create({ input_file_id: upload.data.id, endpoint: "/v1/chat/completions", completion_window: "24h" }).withResponse();
    const fetched = await client.batches.retrieve(batch.data.id).withResponse();
    expect(fetched.data.status).toBe("completed");
    expect(await h().row(idOf(upload.response))).toMatchObject({ path: "/v1/files", status: 200, costNanoUsd: 0n });
    expect(await h().row(idOf(fetched.response))).toMatchObject({ path: "/v1/batches/:id", status: 200 });

    const unknown = await fetch(`${h().url}/v1/assistants`, { method: "POST", headers: { authorization: `Bearer ${h().key}` }, body: "{}" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "unknown_endpoint" } });
  });

  it("serves the Responses API for Claude and chat-only providers: plain, streamed and with tools", async () => {
    const client = openai(h());
    const plain = await client.responses.create({ model: "claude-haiku-4-5", instructions: "Be brief.", input: "What is an AI gateway?", max_output_tokens: 200 }).withResponse();
    expect(plain.data).toMatchObject({ object: "response", status: "completed", model: "claude-haiku-4-5" });
    expect(plain.data.output_text).toBe("This is a deterministic reply from the fake anthropic provider to: What is an AI gateway?");
    expect(plain.data.usage).toMatchObject({ input_tokens: 17, output_tokens: 23, total_tokens: 40 });
    expect(h().fake.requests().at(-1)!).toMatchObject({ path: "/v1/messages", body: { model: "claude-haiku-4-5", system: "Be brief.", max_tokens: 200 } });
    const row = await h().row(plain.response.headers.get("x-request-id")!);
    expect(row).toMatchObject({ path: "/v1/responses", provider: "anthropic", promptTokens: 17, completionTokens: 23, costNanoUsd: BigInt(17 * 1000 + 23 * 5000) });

    let streamed = "";
    let completed: { usage?: { output_tokens: number } | null } | undefined;
    const types = new Set<string>();
    for await (const event of await client.responses.create({ model: "claude-haiku-4-5", input: [{ role: "user", content: [{ type: "input_text", text: "What is an AI gateway?" }] }], stream: true })) {
      types.add(event.type);
      if (event.type === "response.output_text.delta") streamed += event.delta;
      if (event.type === "response.completed") completed = event.response;
    }
    expect(streamed).toBe(plain.data.output_text);
    expect([...types]).toEqual(expect.arrayContaining(["response.created", "response.output_item.added", "response.content_part.added", "response.output_text.delta", "response.output_text.done", "response.output_item.done", "response.completed"]));
    expect(completed?.usage?.output_tokens).toBe(23);

    const tool = { type: "function" as const, name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }, strict: false };
    const call = await client.responses.create({ model: "claude-sonnet-4-6", input: "Weather in Paris?", tools: [tool], tool_choice: "required" });
    const fn = call.output.find((o) => o.type === "function_call");
    expect(fn).toMatchObject({ type: "function_call", name: "get_weather", arguments: '{"city":"example-city"}' });
    const input: OpenAI.Responses.ResponseInput = [{ role: "user", content: "Weather in Paris?" }, fn as OpenAI.Responses.ResponseFunctionToolCall, { type: "function_call_output", call_id: (fn as { call_id: string }).call_id, output: "Sunny, 21 °C" }];
    const followUp = await client.responses.create({ model: "claude-sonnet-4-6", input, tools: [tool] });
    expect(followUp.status).toBe("completed");
    expect(h().fake.requests().at(-1)!.body).toMatchObject({ messages: [{ role: "user" }, { role: "assistant", content: [{ type: "tool_use", name: "get_weather" }] }, { role: "user", content: [{ type: "tool_result", content: "Sunny, 21 °C" }] }] });

    // OpenAI serves the Responses API itself: passed through, and logged from its own usage.
    const native = await client.responses.create({ model: "gpt-4o-mini", input: "What is an AI gateway?" }).withResponse();
    expect(native.data.output_text).toBe("This is a deterministic reply from the fake openai provider to: What is an AI gateway?");
    expect(h().fake.requests().at(-1)!.path).toBe("/v1/responses");
    const nativeRow = await h().row(native.response.headers.get("x-request-id")!);
    expect(nativeRow).toMatchObject({ path: "/v1/responses", provider: "openai", promptTokens: native.data.usage!.input_tokens, completionTokens: native.data.usage!.output_tokens });
    expect(nativeRow.costNanoUsd).toBeGreaterThan(0n);
    let nativeText = "";
    const nativeStream = await client.responses.create({ model: "gpt-4o-mini", input: "What is an AI gateway?", stream: true }).withResponse();
    for await (const event of nativeStream.data) if (event.type === "response.output_text.delta") nativeText += event.delta;
    expect(nativeText).toBe(native.data.output_text);
    expect(await h().row(nativeStream.response.headers.get("x-request-id")!)).toMatchObject({ streamed: true, promptTokens: nativeRow.promptTokens, completionTokens: nativeRow.completionTokens });

    const groq = await client.responses.create({ model: "groq/llama-3.3-70b-versatile", input: "Hi" });
    expect(groq.output_text).toContain("fake");
    expect(h().fake.requests().at(-1)!.path).toBe("/v1/chat/completions");

    const chained = await client.responses.create({ model: "claude-haiku-4-5", input: "More", previous_response_id: "resp_123" }).catch((e) => e);
    expect(chained.status).toBe(400);
    expect(chained.error).toMatchObject({ param: "previous_response_id" });
  });

  it("serves the Vercel AI SDK (Responses and chat), LangChain, and Helicone's AI SDK provider with model/provider names", async () => {
    const reply = "This is a deterministic reply from the fake anthropic provider to: What is an AI gateway?";
    const vercel = createOpenAI({ baseURL: `${h().url}/v1`, apiKey: h().key });
    const viaResponses = await generateText({ model: vercel("claude-haiku-4-5"), prompt: "What is an AI gateway?" });
    expect(viaResponses.text).toBe(reply);
    expect(viaResponses.usage).toMatchObject({ inputTokens: 10, outputTokens: 23 });
    const viaChat = await generateText({ model: vercel.chat("claude-haiku-4-5"), prompt: "What is an AI gateway?" });
    expect(viaChat.text).toBe(reply);
    // The AI SDK's default for an OpenAI model is the Responses API, which OpenAI serves itself.
    expect((await generateText({ model: vercel("gpt-4o-mini"), prompt: "What is an AI gateway?" })).text).toBe(reply.replace("anthropic", "openai"));
    const streamed = streamText({ model: vercel("claude-haiku-4-5"), prompt: "What is an AI gateway?" });
    let text = "";
    for await (const delta of streamed.textStream) text += delta;
    expect(text).toBe(reply);
    expect((await streamed.usage).outputTokens).toBe(23);

    const langchain = new ChatOpenAI({ model: "claude-haiku-4-5", apiKey: h().key, configuration: { baseURL: `${h().url}/v1` }, maxRetries: 0 });
    expect((await langchain.invoke("What is an AI gateway?")).content).toBe(reply);
    let chunks = "";
    for await (const chunk of await langchain.stream("What is an AI gateway?")) chunks += String(chunk.content);
    expect(chunks).toBe(reply);

    const user = `ai-sdk-${Math.random().toString(36).slice(2)}`;
    const helicone = createHelicone({ baseURL: h().url, apiKey: h().key });
    const viaHelicone = await generateText({ model: helicone("claude-4.5-haiku/anthropic", { extraBody: { helicone: { userId: user, properties: { app: "docs" } } } }), prompt: "What is an AI gateway?" });
    expect(viaHelicone.text).toBe(reply);
    const row = await waitForRow(h(), { userId: user });
    expect(row).toMatchObject({ provider: "anthropic", modelRequested: "claude-4.5-haiku/anthropic", completionTokens: 23 });
    expect(row.costNanoUsd).toBeGreaterThan(0n);
  });

  it("answers in JSON when asked, from OpenAI and Claude alike: the AI SDK's generateObject and streamObject, chat and Responses", async () => {
    const vercel = createOpenAI({ baseURL: `${h().url}/v1`, apiKey: h().key });
    const schema = z.object({ city: z.string(), population: z.number(), sunny: z.boolean(), districts: z.array(z.string()) });
    for (const model of [vercel.chat("gpt-4o-mini"), vercel("gpt-4o-mini"), vercel.chat("claude-haiku-4-5"), vercel("claude-haiku-4-5")]) {
      const { object } = await generateObject({ model, schema, prompt: "Describe Paris" });
      expect(schema.parse(object)).toMatchObject({ population: 42, sunny: true });
    }
    // Claude is made to answer through one forced tool whose input schema is the requested one.
    const sent = h().fake.requests().findLast((r) => r.path === "/v1/messages")!.body as { tools: { name: string; input_schema: unknown }[]; tool_choice: unknown };
    expect(sent.tool_choice).toEqual({ type: "tool", name: "structured_output" });
    expect(sent.tools[0]!.input_schema).toMatchObject({ type: "object", required: ["city", "population", "sunny", "districts"] });

    for (const model of [vercel.chat("claude-haiku-4-5"), vercel("claude-haiku-4-5")]) {
      const streamed = streamObject({ model, schema, prompt: "Describe Lyon" });
      let partials = 0;
      for await (const partial of streamed.partialObjectStream) if (partial) partials++;
      expect(partials).toBeGreaterThan(1);
      expect(schema.parse(await streamed.object).population).toBe(42);
    }

    const json = await openai(h()).chat.completions.create({ model: "claude-haiku-4-5", messages, response_format: { type: "json_object" } }).withResponse();
    expect(json.data.choices[0]).toMatchObject({ finish_reason: "stop", message: { role: "assistant" } });
    expect(JSON.parse(json.data.choices[0]!.message.content!)).toEqual({});
    expect(await h().row(json.response.headers.get("x-request-id")!)).toMatchObject({ status: 200, provider: "anthropic" });

    const withTools = await openai(h())
      .chat.completions.create({ model: "claude-haiku-4-5", messages, tools: [weatherTool], response_format: { type: "json_object" } })
      .catch((e: InstanceType<typeof OpenAI.APIError>) => e);
    expect(withTools).toMatchObject({ status: 400, error: { param: "response_format", code: "unsupported_value" } });
  });

  it("translates tool calls to and from Anthropic", async () => {
    const client = openai(h());
    const json = await client.chat.completions.create({ model: "claude-sonnet-4-6", messages, tools: [weatherTool], tool_choice: "required" });
    expect(json.choices[0]?.finish_reason).toBe("tool_calls");
    const call = json.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === "function" && call.function).toEqual({ name: "get_weather", arguments: '{"city":"example-city"}' });
    expect(h().fake.requests().at(-1)!.body).toMatchObject({ tools: [{ name: "get_weather", input_schema: weatherTool.function.parameters }], tool_choice: { type: "any" } });

    const final = await client.chat.completions.stream({ model: "claude-sonnet-4-6", messages, tools: [weatherTool] }).finalChatCompletion();
    const streamed = final.choices[0]?.message.tool_calls?.[0];
    expect(streamed?.type === "function" && JSON.parse(streamed.function.arguments)).toEqual({ city: "example-city" });

    // The answer to the tool call goes back as an Anthropic tool_result.
    await client.chat.completions.create({
      model: "claude-sonnet-4-6",
      messages: [...messages, { role: "assistant", content: null, tool_calls: [call!] }, { role: "tool", tool_call_id: call!.id, content: "18°C" }],
      tools: [weatherTool],
      tool_choice: "none",
    });
    const sent = h().fake.requests().at(-1)!.body as { messages: { role: string; content: unknown[] }[] };
    expect(sent.messages.at(-1)).toEqual({ role: "user", content: [{ type: "tool_result", tool_use_id: call!.id, content: "18°C" }] });
    expect(sent.messages.at(-2)?.content).toEqual([{ type: "tool_use", id: call!.id, name: "get_weather", input: { city: "example-city" } }]);
  });

  it("serves the Anthropic SDK on /v1/messages, natively for Claude and translated for GPT", async () => {
    const client = anthropic(h());
    const native = await client.messages.create({ model: "claude-haiku-4-5", max_tokens: 100, messages }).withResponse();
    expect(native.data.content[0]).toEqual({ type: "text", text: "This is a deterministic reply from the fake anthropic provider to: What is an AI gateway?" });
    const nativeRow = await h().row(native.response.headers.get("helicone-id")!);
    expect(nativeRow).toMatchObject({ provider: "anthropic", path: "/v1/messages", promptTokens: 10, completionTokens: 23 });

    const translated = await client.messages.create({ model: "gpt-4o-mini", max_tokens: 100, messages });
    expect(translated.type).toBe("message");
    expect(translated.content[0]).toMatchObject({ type: "text", text: expect.stringContaining("fake openai provider") });
    expect(translated.usage).toMatchObject({ input_tokens: 10, output_tokens: 22 });
    expect(h().fake.requests().at(-1)!.path).toBe("/v1/chat/completions");

    const stream = client.messages.stream({ model: "gpt-4o-mini", max_tokens: 100, messages });
    const final = await stream.finalMessage();
    expect(final.content[0]).toMatchObject({ type: "text", text: translated.content[0]!.type === "text" ? translated.content[0]!.text : "" });
    expect(final.usage.output_tokens).toBe(22);
    expect(final.stop_reason).toBe("end_turn");

    const nativeStream = await client.messages.stream({ model: "claude-haiku-4-5", max_tokens: 100, messages }).finalMessage();
    expect(nativeStream.usage.output_tokens).toBe(23);
  });

  it("routes an explicit provider/model prefix and strips it upstream", async () => {
    const res = await openai(h()).chat.completions.create({ model: "groq/llama-3.3-70b-versatile", messages }).withResponse();
    expect(h().fake.requests().at(-1)).toMatchObject({ body: { model: "llama-3.3-70b-versatile" }, headers: { authorization: "Bearer gsk-gateway" } });
    const row = await h().row(res.response.headers.get("helicone-id")!);
    expect(row).toMatchObject({ provider: "groq", modelRequested: "groq/llama-3.3-70b-versatile" });
    expect(row.costNanoUsd).not.toBeNull();
  });

  it("embeds, lists models, and logs embeddings", async () => {
    const client = openai(h());
    const { data, response } = await client.embeddings.create({ model: "text-embedding-3-small", input: ["a", "b"], dimensions: 8 }).withResponse();
    expect(data.data.map((d) => d.embedding.length)).toEqual([8, 8]);
    const row = await h().row(response.headers.get("helicone-id")!);
    expect(row).toMatchObject({ path: "/v1/embeddings", promptTokens: 2, status: 200 });

    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(["gpt-4o-mini", "claude-haiku-4-5"]));
  });

  it("passes Helicone-style caller keys upstream without storing them", async () => {
    const client = new OpenAI({ baseURL: `${h().url}/v1`, apiKey: "sk-caller-own-key-123", maxRetries: 0, defaultHeaders: { "Helicone-Auth": `Bearer ${h().key}` } });
    const res = await client.chat.completions.create({ model: "gpt-4o-mini", messages }).withResponse();
    expect(h().fake.requests().at(-1)!.headers.authorization).toBe("Bearer sk-caller-own-key-123");
    const row = await h().row(res.response.headers.get("helicone-id")!);
    expect(JSON.stringify(row, bigintSafe)).not.toContain("sk-caller-own-key-123");
  });

  it("answers 401 in OpenAI's shape for a missing, unknown or provider key", async () => {
    const missing = await fetch(`${h().url}/v1/chat/completions`, { method: "POST", body: "{}" });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { type: "authentication_error", code: "invalid_api_key" } });
    await expect(openai(h(), { apiKey: "tg_unknownunknownunknownunknown" }).chat.completions.create({ model: "gpt-4o-mini", messages })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const err = await openai(h(), { apiKey: "sk-proj-looks-like-openai" }).chat.completions.create({ model: "gpt-4o-mini", messages }).catch((e) => e);
    expect(err.status).toBe(401);
    expect(err.message).toContain("Helicone-Auth");
    expect(err.message).not.toContain("sk-proj-looks-like-openai");
    const short = await openai(h(), { apiKey: "tg_abc" }).chat.completions.create({ model: "gpt-4o-mini", messages }).catch((e) => e);
    expect(short.status).toBe(401);
    expect(short.message).toContain("Malformed Tollgate API key");
  });

  it("rejects bad input with a 400 naming the parameter, and logs it once", async () => {
    const broken = await post(h(), "/v1/chat/completions", "{not json");
    expect(broken.status).toBe(400);
    expect(broken.json.error).toMatchObject({ type: "invalid_request_error", code: "invalid_json" });
    const row = await h().row(broken.headers.get("helicone-id")!);
    expect(row).toMatchObject({ status: 400, requestBody: "{not json" });

    expect((await post(h(), "/v1/chat/completions", { messages })).json.error).toMatchObject({ param: "model" });
    expect((await post(h(), "/v1/chat/completions", { model: "gpt-4o-mini" })).json.error).toMatchObject({ param: "messages" });
    expect((await post(h(), "/v1/chat/completions", { model: "gpt-4o-mini", messages: [] })).json.error).toMatchObject({ param: "messages" });
    expect((await post(h(), "/v1/embeddings", { model: "text-embedding-3-small" })).json.error).toMatchObject({ param: "input" });
    const unroutable = await post(h(), "/v1/chat/completions", { model: "my-own-model", messages });
    expect(unroutable.status).toBe(400);
    expect(unroutable.json.error.message).toContain('"groq/llama-3.3-70b-versatile"');
    const wrongEndpoint = await post(h(), "/v1/embeddings", { model: "claude-haiku-4-5", input: "x" });
    expect(wrongEndpoint.json.error).toMatchObject({ code: "unsupported_endpoint" });
  });

  it("refuses a body over the limit with 413", async () => {
    const big = await post(h(), "/v1/chat/completions", { model: "gpt-4o-mini", messages: [{ role: "user", content: "x".repeat(300 * 1024) }] });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe("request_too_large");
  });

  it("passes provider errors on with their status, retry-after and OpenAI shape, and logs them", async () => {
    const client = openai(h());
    const limited = await client.chat.completions.create({ model: "gpt-4o-mini+error-429+retry-after-7", messages }).catch((e) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(limited.error).toMatchObject({ type: "requests", code: "rate_limit_exceeded" });
    const row = await h().row(limited.headers.get("helicone-id"));
    expect(row).toMatchObject({ status: 429, errorMessage: expect.stringContaining("Rate limit"), costNanoUsd: 0n, rateLimitedBy: "provider" });
    expect(JSON.parse(row.rateLimitHeaders!)).toMatchObject({ "retry-after": "7", "x-ratelimit-remaining-requests": "0" });

    const anthropicError = await client.chat.completions.create({ model: "claude-haiku-4-5+error-529", messages }).catch((e) => e);
    expect(anthropicError.status).toBe(529);
    expect(anthropicError.error).toMatchObject({ type: "overloaded_error", message: "Overloaded" });
    await expect(client.chat.completions.create({ model: "gpt-4o-mini+error-500", messages })).rejects.toBeInstanceOf(OpenAI.InternalServerError);
  });

  it("answers 504 when the provider is too slow, and logs it", async () => {
    const slow = await post(h(), "/v1/chat/completions", { model: "gpt-4o-mini+delay-2500", messages });
    expect(slow.status).toBe(504);
    expect(slow.json.error).toMatchObject({ type: "timeout_error", code: "upstream_timeout" });
    expect((await h().row(slow.headers.get("helicone-id")!)).status).toBe(504);
  });

  it("ends a stream that breaks midway with an error event, and logs the partial output", async () => {
    const client = openai(h());
    const { data: stream, response } = await client.chat.completions.create({ model: "gpt-4o-mini+drop-4", messages, stream: true }).withResponse();
    let text = "";
    const failure = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    })().catch((e) => e);
    expect(text).toBe("This is a deterministic ");
    expect(String(failure?.message ?? failure)).toMatch(/other side closed|terminated|Could not complete/);
    const row = await h().row(response.headers.get("helicone-id")!);
    expect(row).toMatchObject({ status: 502, usageEstimated: true });
    expect(row.completionTokens).toBeGreaterThan(0);
  });

  it("aborts the upstream call when the client cancels, and logs it as cancelled with tokens so far", async () => {
    const controller = new AbortController();
    const { data: stream, response } = await openai(h())
      .chat.completions.create({ model: "gpt-4o-mini+stall-3", messages, stream: true }, { signal: controller.signal })
      .withResponse();
    let text = "";
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (text === "This is a ") controller.abort();
    }
    const row = await h().row(response.headers.get("helicone-id")!);
    expect(row).toMatchObject({ status: 499, usageEstimated: true, streamed: true });
    expect(row.errorMessage).toContain("closed the connection");
    expect(row.completionTokens).toBeGreaterThan(0);
    expect(row.promptTokens).toBeGreaterThan(0);
  });

  it("logs every one of many concurrent calls exactly once", async () => {
    const client = openai(h());
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => client.chat.completions.create({ model: i % 2 ? "gpt-4o-mini" : "claude-haiku-4-5", messages: [{ role: "user", content: `call ${i}` }], stream: i % 3 === 0 }).withResponse()),
    );
    const ids = results.map((r) => r.response.headers.get("helicone-id")!);
    expect(new Set(ids).size).toBe(40);
    for (const r of results) if ("controller" in r.data) for await (const _ of r.data) void _;
    await Promise.all(ids.map((id) => h().row(id)));
    expect(await h().t.db.request.count({ where: { id: { in: ids } } })).toBe(40);
  });
}

/** Scenarios that need settings of their own: run by the core suite, which starts its own gateway. */
export function gatewayConfigScenarios(h: () => GatewayHarness) {
  it("calls Azure OpenAI deployments with api-key and api-version", async () => {
    const res = await openai(h()).chat.completions.create({ model: "azure/gpt-4o", messages }).withResponse();
    const sent = h().fake.requests().at(-1)!;
    expect(sent.headers["api-key"]).toBe("azure-key");
    expect(sent.headers.authorization).toBeUndefined();
    expect(h().fake.counts()).toMatchObject({ "/v1/chat/completions": 1 });
    expect((await h().row(res.response.headers.get("helicone-id")!)).provider).toBe("azure");
  });

  it("routes custom OpenAI-compatible providers declared in TOLLGATE_PROVIDERS, unpriced when unknown", async () => {
    const res = await openai(h()).chat.completions.create({ model: "lab/qwen2.5-7b-instruct", messages }).withResponse();
    expect(h().fake.requests().at(-1)).toMatchObject({ body: { model: "qwen2.5-7b-instruct" }, headers: { authorization: "Bearer lab-key" } });
    const row = await h().row(res.response.headers.get("helicone-id")!);
    expect(row).toMatchObject({ provider: "lab", costNanoUsd: null, promptTokens: 10 });
  });

  it("doesn't add stream_options for providers that may refuse it, and estimates their tokens", async () => {
    const { data: stream, response } = await openai(h()).chat.completions.create({ model: "lab/qwen2.5-7b-instruct", messages, stream: true }).withResponse();
    for await (const chunk of stream) void chunk;
    expect(h().fake.requests().at(-1)!.body).not.toHaveProperty("stream_options");
    const row = await h().row(response.headers.get("helicone-id")!);
    expect(row).toMatchObject({ usageEstimated: true, streamed: true });
    expect(row.completionTokens).toBeGreaterThan(10);
  });

  it("prices with the workspace's own rates when it has them", async () => {
    const { t, workspaceId } = h();
    await t.db.priceOverride.create({ data: { workspaceId, provider: "lab", model: "qwen2.5-7b-instruct", inputNanoPerMTok: 500_000_000n, outputNanoPerMTok: 1_500_000_000n } });
    await new Promise((r) => setTimeout(r, 350)); // the override cache refreshes every 300 ms in this suite
    const client = openai(h());
    await client.chat.completions.create({ model: "lab/qwen2.5-7b-instruct", messages }); // starts the refresh
    await new Promise((r) => setTimeout(r, 100));
    const res = await client.chat.completions.create({ model: "lab/qwen2.5-7b-instruct", messages }).withResponse();
    const row = await h().row(res.response.headers.get("helicone-id")!);
    // $0.50 and $1.50 per million: 10 in, 22 out.
    expect(row.costNanoUsd).toBe(BigInt(10 * 500 + 22 * 1500));
  });

  it("applies a workspace's stored rate-limit rule to one API key", async () => {
    const { t, workspaceId } = h();
    const key = await t.db.apiKey.findFirstOrThrow({ where: { workspaceId } });
    await t.db.rateLimitRule.create({ data: { workspaceId, name: "tests key", scope: "api_key", scopeValue: key.id, unit: "requests", quota: 2, windowSeconds: 60 } });
    await new Promise((r) => setTimeout(r, 350)); // the rule cache refreshes every 300 ms in this suite
    const client = openai(h());
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await client.chat.completions.create({ model: "gpt-4o-mini", messages }).then(() => 200, (e) => e.status));
    expect(statuses).toEqual([200, 200, 429]);
    await t.db.rateLimitRule.deleteMany({ where: { workspaceId } });
  });

  it("says which key is missing for a provider without one", async () => {
    const err = await openai(h()).chat.completions.create({ model: "deepseek/deepseek-chat", messages }).catch((e) => e);
    expect(err.status).toBe(400);
    expect(err.error).toMatchObject({ code: "missing_provider_key", param: "model" });
    expect(err.message).toContain("DEEPSEEK_API_KEY");
  });
}

/** Helicone's tagging headers: properties, users, sessions, omitted bodies, caller request ids. */
export function taggingScenarios(h: () => GatewayHarness) {
  it("runs the seed's research → summarize exercise and tags both steps", async () => {
    const client = openai(h(), { v1: false });
    const tags = (step: string) => ({ headers: { "Helicone-Property-Workflow": "research-pipeline", "Helicone-Property-Step": step, "Helicone-Property-UserId": "student_1" } });
    const research = await client.chat.completions
      .create(
        { model: "gpt-4o", messages: [{ role: "system", content: "You are a research assistant." }, { role: "user", content: "Research the benefits of AI observability" }] },
        tags("research"),
      )
      .withResponse();
    const summary = await client.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "system", content: "Summarize in 2 sentences." }, { role: "user", content: research.data.choices[0]!.message.content! }] }, tags("summarize"))
      .withResponse();
    for (const [res, step] of [[research, "research"], [summary, "summarize"]] as const) {
      const id = res.response.headers.get("helicone-id")!;
      const row = await h().row(id);
      expect(row.userId).toBe("student_1");
      const properties = await h().t.db.requestProperty.findMany({ where: { requestId: id }, orderBy: { key: "asc" } });
      expect(properties.map((p) => [p.key, p.value])).toEqual([["step", step], ["userid", "student_1"], ["workflow", "research-pipeline"]]);
    }
  });

  it("takes the user from Helicone-User-Id first, then a UserId property, then the body", async () => {
    const client = openai(h());
    const call = async (headers: Record<string, string>, user?: string) => {
      const res = await client.chat.completions.create({ model: "gpt-4o-mini", messages, ...(user ? { user } : {}) }, { headers }).withResponse();
      return (await h().row(res.response.headers.get("helicone-id")!)).userId;
    };
    expect(await call({ "Helicone-User-Id": "u-header", "Helicone-Property-UserId": "u-prop" }, "u-body")).toBe("u-header");
    expect(await call({ "Helicone-Property-User-Id": "u-prop" }, "u-body")).toBe("u-prop");
    expect(await call({}, "u-body")).toBe("u-body");
  });

  it("logs a call whose user and prompt hold NUL characters (Postgres text refuses them), and every call after it", async () => {
    const client = openai(h());
    const res = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "nul \u0000 inside" }], user: "user\u0000nul" }).withResponse();
    const row = await h().row(res.response.headers.get("helicone-id")!);
    expect(row.userId).toBe("user\uFFFDnul");
    expect(row.requestBody).toContain("nul");
    const next = await client.chat.completions.create({ model: "gpt-4o-mini", messages }).withResponse();
    expect((await h().row(next.response.headers.get("helicone-id")!)).status).toBe(200);
  });

  it("stores sessions, UTF-8 property values, and omits bodies on request while keeping tokens", async () => {
    const res = await openai(h())
      .chat.completions.create(
        { model: "gpt-4o-mini", messages },
        {
          headers: {
            "Helicone-Session-Id": "sess-1",
            "Helicone-Session-Path": "/research/step-1",
            "Helicone-Session-Name": "Research",
            "Helicone-Property-City": Buffer.from("Zürich", "utf8").toString("latin1"),
            "Helicone-Omit-Request": "true",
            "Helicone-Omit-Response": "true",
          },
        },
      )
      .withResponse();
    const id = res.response.headers.get("helicone-id")!;
    const row = await h().row(id);
    expect(row).toMatchObject({ sessionId: "sess-1", sessionPath: "/research/step-1", sessionName: "Research", requestBody: null, requestBodyState: "omitted", responseBody: null, responseBodyState: "omitted", promptTokens: 10, completionTokens: 22 });
    expect(row.costNanoUsd).toBe(BigInt(10 * 150 + 22 * 600));
    expect((await h().t.db.requestProperty.findFirstOrThrow({ where: { requestId: id, key: "city" } })).value).toBe("Zürich");
  });

  it("keeps a caller's Helicone-Request-Id beside a fresh row id: any printable id, reused ids never collide or pass a limit", async () => {
    const clientId = `my-trace-${Math.random().toString(16).slice(2, 8)}`;
    const call = () =>
      openai(h())
        .chat.completions.create({ model: "gpt-4o-mini", messages }, { headers: { "Helicone-Request-Id": clientId, "Helicone-RateLimit-Policy": "3;w=60;s=user", "Helicone-User-Id": clientId } })
        .withResponse()
        .then((r) => ({ status: r.response.status, helicone: r.response.headers.get("helicone-id"), id: r.response.headers.get("x-request-id")! }))
        .catch((e: { status: number; headers: Headers }) => ({ status: e.status, helicone: e.headers.get("helicone-id"), id: e.headers.get("x-request-id")! }));
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await call());
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    expect(results.every((r) => r.helicone === clientId)).toBe(true);
    expect(new Set(results.map((r) => r.id)).size).toBe(5);
    for (const r of results) expect(await h().row(r.id)).toMatchObject({ clientRequestId: clientId, status: r.status });
    const bad = await openai(h()).chat.completions.create({ model: "gpt-4o-mini", messages }, { headers: { "Helicone-Request-Id": "has spaces in it" } }).catch((e) => e);
    expect(bad.status).toBe(400);
    expect(bad.error).toMatchObject({ code: "invalid_request_id", param: "helicone-request-id" });
  });

  it("refuses more than 50 properties, long names and long values, saying which", async () => {
    const client = openai(h());
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`Helicone-Property-P${i}`, "x"]));
    const tooMany = await client.chat.completions.create({ model: "gpt-4o-mini", messages }, { headers: many }).catch((e) => e);
    expect(tooMany.status).toBe(400);
    expect(tooMany.message).toContain("51 Helicone-Property- headers; the limit is 50");
    const longName = await client.chat.completions.create({ model: "gpt-4o-mini", messages }, { headers: { [`Helicone-Property-${"n".repeat(65)}`]: "x" } }).catch((e) => e);
    expect(longName.message).toContain("the limit is 64");
    const longValue = await client.chat.completions.create({ model: "gpt-4o-mini", messages }, { headers: { "Helicone-Property-Note": "v".repeat(1001) } }).catch((e) => e);
    expect(longValue.message).toContain('Property "note" has a 1001-character value; the limit is 1000.');
    // The refused call is logged, with the 400.
    const row = await h().row(longValue.headers.get("helicone-id"));
    expect(row.status).toBe(400);
  });
}

/** Helicone-Cache-*: the seed's cache table and everything around it. */
export function cacheScenarios(h: () => GatewayHarness) {
  const unique = () => `What is the capital of France? #${Math.random().toString(36).slice(2)}`;
  const cached = (extra: Record<string, string> = {}) => ({ headers: { "Helicone-Cache-Enabled": "true", ...extra } });
  const upstreamCalls = () => h().fake.counts()["/v1/chat/completions"] ?? 0;

  it.each([
    ["same model + same messages", { model: "gpt-4o-mini" }, "HIT"],
    ["same messages + different model", { model: "gpt-4o" }, "MISS"],
    ["same messages + different temperature", { model: "gpt-4o-mini", temperature: 0.7 }, "MISS"],
  ] as const)("seed cache table: %s → %s", async (_case, second, expected) => {
    const client = openai(h());
    const content = unique();
    const first = await client.chat.completions.create({ model: "gpt-4o-mini", temperature: 0, messages: [{ role: "user", content }] }, cached()).withResponse();
    expect(first.response.headers.get("helicone-cache")).toBe("MISS");
    const before = upstreamCalls();
    const again = await client.chat.completions.create({ temperature: 0, messages: [{ role: "user", content }], ...second }, cached()).withResponse();
    expect(again.response.headers.get("helicone-cache")).toBe(expected);
    expect(upstreamCalls() - before).toBe(expected === "HIT" ? 0 : 1);
    if (expected === "HIT") expect(again.data).toEqual(first.data);
  });

  it("seed cache table: TTL expired → MISS", async () => {
    const client = openai(h());
    const content = unique();
    const headers = cached({ "Cache-Control": "max-age=1" });
    await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content }] }, headers);
    const hit = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content }] }, headers).withResponse();
    expect(hit.response.headers.get("helicone-cache")).toBe("HIT");
    await new Promise((r) => setTimeout(r, 1100));
    const expired = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content }] }, headers).withResponse();
    expect(expired.response.headers.get("helicone-cache")).toBe("MISS");
  });

  it("logs a hit as its own free request that saved the original cost, with no upstream call", async () => {
    const client = openai(h());
    const messages = [{ role: "user" as const, content: unique() }];
    const miss = await client.chat.completions.create({ model: "gpt-4o-mini", messages }, cached()).withResponse();
    const missRow = await h().row(miss.response.headers.get("helicone-id")!);
    h().fake.reset();
    const hit = await client.chat.completions.create({ model: "gpt-4o-mini", messages }, cached()).withResponse();
    expect(h().fake.counts()).toEqual({});
    expect(hit.response.headers.get("helicone-cache-bucket-idx")).toBe("0");
    const hitRow = await h().row(hit.response.headers.get("helicone-id")!);
    // Helicone's headers on a hit: the original call's latency, and the provider's rate-limit headers replayed.
    expect(hit.response.headers.get("helicone-cache-latency")).toBe(String(missRow.latencyMs));
    expect(hit.response.headers.get("helicone-status")).toBe("success");
    const providerLimits = Object.entries(JSON.parse(missRow.rateLimitHeaders!) as Record<string, string>);
    expect(providerLimits.length).toBeGreaterThan(0);
    for (const [name, value] of providerLimits) expect(hit.response.headers.get(name), name).toBe(value);
    expect(missRow).toMatchObject({ cacheStatus: "MISS", costSavedNanoUsd: null });
    expect(missRow.costNanoUsd).toBeGreaterThan(0n);
    expect(hitRow).toMatchObject({ cacheStatus: "HIT", status: 200, costNanoUsd: 0n, costSavedNanoUsd: missRow.costNanoUsd, promptTokens: missRow.promptTokens, completionTokens: missRow.completionTokens });
    expect(hitRow.id).not.toBe(missRow.id);
  });

  it("replays a cached stream as SSE", async () => {
    const client = openai(h());
    const messages = [{ role: "user" as const, content: unique() }];
    const read = async () => {
      const { data, response } = await client.chat.completions.create({ model: "claude-haiku-4-5", messages, stream: true, stream_options: { include_usage: true } }, cached()).withResponse();
      let text = "";
      let usage;
      for await (const chunk of data) {
        text += chunk.choices[0]?.delta.content ?? "";
        usage = chunk.usage ?? usage;
      }
      return { text, usage, cache: response.headers.get("helicone-cache"), type: response.headers.get("content-type") };
    };
    const first = await read();
    h().fake.reset();
    const second = await read();
    expect(second).toMatchObject({ text: first.text, usage: first.usage, cache: "HIT" });
    expect(second.type).toContain("text/event-stream");
    expect(h().fake.counts()).toEqual({});
  });

  it("ignores the order of keys, honours Helicone-Cache-Ignore-Keys in both forms, and namespaces by seed", async () => {
    const content = unique();
    const send = async (body: string, extra: Record<string, string> = {}) => {
      const res = await fetch(`${h().url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${h().key}`, "content-type": "application/json", "helicone-cache-enabled": "true", ...extra }, body });
      await res.arrayBuffer();
      return res.headers.get("helicone-cache");
    };
    expect(await send(`{"model":"gpt-4o-mini","temperature":0,"messages":[{"role":"user","content":"${content}"}]}`)).toBe("MISS");
    expect(await send(`{"messages":[{"content":"${content}","role":"user"}],"temperature":0,"model":"gpt-4o-mini"}`)).toBe("HIT");
    const userBody = (user: string) => `{"model":"gpt-4o-mini","temperature":0,"user":"${user}","messages":[{"role":"user","content":"${content}"}]}`;
    expect(await send(userBody("a"), { "helicone-cache-ignore-keys": "user,metadata" })).toBe("HIT");
    expect(await send(userBody("b"), { "helicone-cache-ignore-keys": '"user", "metadata"' })).toBe("HIT");
    expect(await send(userBody("c"))).toBe("MISS");
    expect(await send(userBody("c"), { "helicone-cache-seed": "tenant-7" })).toBe("MISS");
    expect(await send(userBody("c"), { "helicone-cache-seed": "tenant-7" })).toBe("HIT");
  });

  it("fills a bucket before serving from it, and refuses bucket sizes outside 1–20", async () => {
    const client = openai(h());
    const messages = [{ role: "user" as const, content: unique() }];
    const headers = cached({ "Helicone-Cache-Bucket-Max-Size": "3" });
    const outcomes = [];
    for (let i = 0; i < 6; i++) {
      const res = await client.chat.completions.create({ model: "gpt-4o-mini", messages }, headers).withResponse();
      outcomes.push([res.response.headers.get("helicone-cache"), res.response.headers.get("helicone-cache-bucket-idx")]);
    }
    expect(outcomes.slice(0, 3)).toEqual([["MISS", null], ["MISS", null], ["MISS", null]]);
    for (const [status, idx] of outcomes.slice(3)) {
      expect(status).toBe("HIT");
      expect(["0", "1", "2"]).toContain(idx);
    }
    for (const size of ["0", "21", "two"]) {
      const err = await client.chat.completions.create({ model: "gpt-4o-mini", messages }, cached({ "Helicone-Cache-Bucket-Max-Size": size })).catch((e) => e);
      expect(err.status).toBe(400);
      expect(err.error).toMatchObject({ code: "invalid_cache_header", param: "helicone-cache-bucket-max-size" });
    }
  });

  it("saves without reading and reads without saving, and never caches errors", async () => {
    const client = openai(h());
    const messages = [{ role: "user" as const, content: unique() }];
    const status = async (headers: Record<string, string>, model = "gpt-4o-mini") =>
      (await client.chat.completions.create({ model, messages }, { headers }).withResponse().catch((e) => ({ response: e as { headers: Headers } }))).response.headers.get("helicone-cache");
    expect(await status({ "Helicone-Cache-Read": "true" })).toBe("MISS");
    expect(await status({ "Helicone-Cache-Read": "true" })).toBe("MISS"); // read-only never stores
    expect(await status({ "Helicone-Cache-Save": "true" })).toBe("MISS");
    expect(await status({ "Helicone-Cache-Save": "true" })).toBe("MISS"); // save-only never reads
    expect(await status({ "Helicone-Cache-Read": "true" })).toBe("HIT");
    expect(await status({ "Helicone-Cache-Enabled": "true" }, "gpt-4o-mini+error-429")).toBe("MISS");
    expect(await status({ "Helicone-Cache-Enabled": "true" }, "gpt-4o-mini+error-429")).toBe("MISS");
  });
}

/** Helicone-Retry-* and Helicone-Fallback-*, against the fake provider's failure modes. */
export function retryAndFallbackScenarios(h: () => GatewayHarness) {
  const fast = { "Helicone-Retry-Enabled": "true", "Helicone-Retry-Min-Timeout": "10", "Helicone-Retry-Max-Timeout": "50" };
  const calls = () => h().fake.counts()["/v1/chat/completions"] ?? 0;
  const messagesPath = () => h().fake.counts()["/v1/messages"] ?? 0;

  it("retries 503s with backoff until the provider recovers, and records every attempt", async () => {
    const res = await openai(h()).chat.completions.create({ model: "gpt-4o-mini+error-503+times-2", messages }, { headers: fast }).withResponse();
    expect(res.data.choices[0]?.message.content).toContain("deterministic reply");
    expect(calls()).toBe(3);
    expect(res.response.headers.get("helicone-retry-count")).toBe("2");
    const row = await h().row(res.response.headers.get("helicone-id")!);
    expect(row).toMatchObject({ status: 200, retryCount: 2, fallbackIndex: 0 });
    expect(JSON.parse(row.attempts!).map((a: { status: number }) => a.status)).toEqual([503, 503, 200]);
    expect(row.rateLimitedBy).toBeNull();
  });

  it("waits as long as retry-after asks, up to the max timeout", async () => {
    const client = openai(h());
    let started = Date.now();
    await client.chat.completions.create({ model: "gpt-4o-mini+error-429+retry-after-1+times-1", messages }, { headers: { ...fast, "Helicone-Retry-Max-Timeout": "3000" } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    h().fake.reset();
    started = Date.now();
    await client.chat.completions.create({ model: "gpt-4o-mini+error-429+retry-after-30+times-1", messages }, { headers: fast });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("gives up after Helicone-Retry-Num retries and passes the last error on; never retries without the header or on a 400", async () => {
    const client = openai(h());
    const exhausted = await client.chat.completions.create({ model: "gpt-4o-mini+error-503", messages }, { headers: { ...fast, "Helicone-Retry-Num": "2" } }).catch((e) => e);
    expect(exhausted.status).toBe(503);
    expect(exhausted.headers.get("helicone-retry-count")).toBe("2");
    expect(calls()).toBe(3);
    h().fake.reset();
    await client.chat.completions.create({ model: "gpt-4o-mini+error-503", messages }).catch(() => {});
    expect(calls()).toBe(1);
    h().fake.reset();
    await client.chat.completions.create({ model: "gpt-4o-mini+error-400", messages }, { headers: fast }).catch(() => {});
    expect(calls()).toBe(1);
  });

  it("refuses retry settings out of range", async () => {
    const err = await openai(h()).chat.completions.create({ model: "gpt-4o-mini", messages }, { headers: { ...fast, "Helicone-Retry-Num": "many" } }).catch((e) => e);
    expect(err.status).toBe(400);
    expect(err.error).toMatchObject({ code: "invalid_retry_header", param: "helicone-retry-num" });
  });

  it("falls back as in the seed: gpt-4o fails with 429, gpt-4o-mini answers", async () => {
    const res = await openai(h())
      .chat.completions.create({ model: "gpt-4o+error-429", messages }, { headers: { "Helicone-Fallback-Model": "gpt-4o-mini", "Helicone-Fallback-OnCodes": "429,500,503" } })
      .withResponse();
    expect(res.data.model).toBe("gpt-4o-mini");
    expect(res.response.headers.get("helicone-fallback-index")).toBe("1");
    const row = await h().row(res.response.headers.get("helicone-id")!);
    expect(row).toMatchObject({ status: 200, modelRequested: "gpt-4o+error-429", modelServed: "gpt-4o-mini", fallbackIndex: 1 });
    // Priced at the model that served.
    expect(row.costNanoUsd).toBe(BigInt(row.promptTokens! * 150 + row.completionTokens! * 600));
  });

  it("falls back across providers through the translation, streamed too, along a chain", async () => {
    const client = openai(h());
    const headers = { "Helicone-Fallback-Model": "gpt-4o-mini+error-503,claude-haiku-4-5" };
    const res = await client.chat.completions.create({ model: "gpt-4o+error-500", messages }, { headers }).withResponse();
    expect(res.data.choices[0]?.message.content).toContain("fake anthropic provider");
    expect(res.response.headers.get("helicone-fallback-index")).toBe("2");
    expect(res.response.headers.get("helicone-provider")).toBe("anthropic");
    expect([calls(), messagesPath()]).toEqual([2, 1]);
    const row = await h().row(res.response.headers.get("helicone-id")!);
    expect(row).toMatchObject({ provider: "anthropic", fallbackIndex: 2, modelServed: "claude-haiku-4-5" });

    let text = "";
    for await (const chunk of await client.chat.completions.create({ model: "gpt-4o+error-503", messages, stream: true }, { headers: { "Helicone-Fallback-Model": "claude-haiku-4-5" } })) {
      text += chunk.choices[0]?.delta.content ?? "";
    }
    expect(text).toContain("fake anthropic provider");
  });

  it("retries each target before moving on, and doesn't fall back on codes not listed", async () => {
    const client = openai(h());
    const res = await client.chat.completions
      .create({ model: "gpt-4o+error-503", messages }, { headers: { ...fast, "Helicone-Retry-Num": "1", "Helicone-Fallback-Model": "gpt-4o-mini" } })
      .withResponse();
    expect(JSON.parse((await h().row(res.response.headers.get("helicone-id")!)).attempts!).map((a: { model: string; status: number }) => `${a.model}:${a.status}`)).toEqual([
      "gpt-4o+error-503:503",
      "gpt-4o+error-503:503",
      "gpt-4o-mini:200",
    ]);
    h().fake.reset();
    const bad = await client.chat.completions.create({ model: "gpt-4o+error-400", messages }, { headers: { "Helicone-Fallback-Model": "gpt-4o-mini" } }).catch((e) => e);
    expect(bad.status).toBe(400);
    expect(calls()).toBe(1);
  });

  it("accepts Helicone's JSON form for configured providers only", async () => {
    const client = openai(h());
    const origin = new URL(h().fake.url).origin;
    const fallbacks = JSON.stringify([
      { "target-url": origin, onCodes: [{ from: 500, to: 503 }], bodyKeyOverride: { model: "gpt-4o-mini+error-502" } },
      { "target-url": origin, bodyKeyOverride: { model: "gpt-4o-mini" } },
    ]);
    const res = await client.chat.completions.create({ model: "gpt-4o", messages }, { headers: { "Helicone-Fallbacks": fallbacks } }).withResponse();
    expect(res.response.headers.get("helicone-fallback-index")).toBe("1");
    expect(res.data.model).toBe("gpt-4o-mini");
    const foreign = await client.chat.completions.create({ model: "gpt-4o", messages }, { headers: { "Helicone-Fallbacks": JSON.stringify([{ "target-url": "http://169.254.169.254" }]) } }).catch((e) => e);
    expect(foreign.status).toBe(400);
    expect(foreign.message).toContain("not a configured provider");
  });
}

/** Helicone-RateLimit-Policy: exact limits, per segment, in requests or cents. */
export function rateLimitScenarios(h: () => GatewayHarness) {
  const unique = () => `user-${Math.random().toString(36).slice(2)}`;

  it("lets exactly the quota through when 200 requests race, and answers the rest 429", async () => {
    const client = openai(h());
    const headers = { "Helicone-RateLimit-Policy": "50;w=60;s=user", "Helicone-User-Id": unique() };
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        client.chat.completions
          .create({ model: "gpt-4o-mini", messages }, { headers })
          .withResponse()
          .then((r) => ({ status: 200, headers: r.response.headers }))
          .catch((e) => ({ status: e.status as number, headers: e.headers as Headers, error: e.error })),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(50);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(150);
    expect(refused[0]).toMatchObject({ error: { type: "rate_limit_error", code: "rate_limit_exceeded" } });
    expect(refused[0]!.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(Number(refused[0]!.headers.get("retry-after-ms"))).toBeLessThanOrEqual(60_000);
    expect(refused[0]!.headers.get("x-helicone-error")).toBe("rate_limited");
    expect(refused[0]!.headers.get("helicone-status")).toBe("failed");
    expect(refused[0]!.headers.get("helicone-ratelimit-remaining")).toBe("0");
    expect(refused[0]!.headers.get("helicone-ratelimit-policy")).toBe("50;w=60;s=user");
    expect(await h().row(refused[0]!.headers.get("helicone-id")!)).toMatchObject({ status: 429, rateLimitedBy: "gateway" });
  });

  it("says in retry-after when the oldest use leaves the window, not the whole window", async () => {
    const client = openai(h());
    const headers = { "Helicone-RateLimit-Policy": "1;w=60;s=user", "Helicone-User-Id": unique() };
    await client.chat.completions.create({ model: "gpt-4o-mini", messages }, { headers });
    await new Promise((r) => setTimeout(r, 1100));
    const refused = await client.chat.completions.create({ model: "gpt-4o-mini", messages }, { headers }).catch((e) => e);
    expect(refused.status).toBe(429);
    const ms = Number(refused.headers.get("retry-after-ms"));
    expect(ms).toBeGreaterThan(55_000);
    expect(ms).toBeLessThanOrEqual(59_000);
    expect(Number(refused.headers.get("retry-after"))).toBe(Math.ceil(ms / 1000));
  });

  it("counts each user separately and reports what is left", async () => {
    const client = openai(h());
    const call = (user: string) => client.chat.completions.create({ model: "gpt-4o-mini", messages }, { headers: { "Helicone-RateLimit-Policy": "2;w=60;s=user", "Helicone-User-Id": user } }).withResponse();
    const [a, b] = [unique(), unique()];
    expect((await call(a)).response.headers.get("helicone-ratelimit-remaining")).toBe("1");
    expect((await call(a)).response.headers.get("helicone-ratelimit-remaining")).toBe("0");
    await expect(call(a)).rejects.toMatchObject({ status: 429 });
    expect((await call(b)).response.headers.get("helicone-ratelimit-limit")).toBe("2");
  });

  it("never overspends a cents limit: it reserves the most a call can cost, then settles", async () => {
    const client = openai(h());
    // gpt-4o at $10/M output: max_tokens 500 reserves about half a cent; a call really costs ~0.02 cents.
    const headers = { "Helicone-RateLimit-Policy": "1;w=3600;u=cents;s=user", "Helicone-User-Id": unique() };
    const call = () =>
      client.chat.completions
        .create({ model: "gpt-4o", messages, max_tokens: 500 }, { headers })
        .withResponse()
        .then((r) => r.response.headers.get("helicone-id")!, () => null);
    // A slow provider keeps all ten in flight at once: only one reservation fits in the cent.
    h().fake.setDefaultBehaviour({ delayMs: 300 });
    const burst = await Promise.all(Array.from({ length: 10 }, call));
    h().fake.setDefaultBehaviour({});
    expect(burst.filter(Boolean)).toHaveLength(1);
    const ids = burst.filter((id): id is string => id !== null);
    for (let i = 0; i < 40; i++) {
      const id = await call();
      if (!id) break;
      ids.push(id);
    }
    expect(ids.length).toBeGreaterThan(5); // settled reservations free the budget again
    await Promise.all(ids.map((id) => h().row(id)));
    const spent = await h().t.db.request.aggregate({ where: { id: { in: ids } }, _sum: { costNanoUsd: true } });
    expect(spent._sum.costNanoUsd!).toBeLessThanOrEqual(10_000_000n); // one cent
  });

  it("refuses an invalid policy with the reason", async () => {
    const err = await openai(h()).chat.completions.create({ model: "gpt-4o-mini", messages }, { headers: { "Helicone-RateLimit-Policy": "10;w=30" } }).catch((e) => e);
    expect(err.status).toBe(400);
    expect(err.error).toMatchObject({ code: "invalid_rate_limit_policy", param: "helicone-ratelimit-policy" });
    expect(err.message).toContain("window must be 60 to 31536000 seconds");
  });
}
