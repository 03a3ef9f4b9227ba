// OpenTelemetry ingest (/v1/traces), driven by the official OTel SDK's OTLP/HTTP exporters, protobuf
// and JSON, and by the Vercel AI SDK's own telemetry: what a team that logs without the proxy sends.
import { createOpenAI } from "@ai-sdk/openai";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtobufExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { type Span, SpanStatusCode, context, trace } from "@opentelemetry/api";
import { generateText, streamText } from "ai";
import { expect, it } from "vitest";
import type { GatewayHarness } from "./harness";

type Exporter = SpanExporter & { export: SpanExporter["export"] };

/** A tracer whose finished spans go to Tollgate through `exporter` in batches, as apps export them, and are kept in memory to resend. */
function tracing(exporter: Exporter) {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "otel-scenarios" }),
    spanProcessors: [new BatchSpanProcessor(exporter), new SimpleSpanProcessor(memory)],
  });
  return {
    tracer: provider.getTracer("tollgate-tests"),
    flush: () => provider.forceFlush(),
    /** Exports spans again, as an exporter retrying a batch it believes lost would. */
    resend: (spans: ReadableSpan[]) => new Promise<number>((resolve) => exporter.export(spans, (result) => resolve(result.code))),
    finished: () => memory.getFinishedSpans(),
    shutdown: () => provider.shutdown(),
  };
}

const exporterOptions = (h: GatewayHarness, headers: Record<string, string> = {}) => ({ url: `${h.url}/v1/traces`, headers: { authorization: `Bearer ${h.key}`, ...headers } });

/** The row of a span: its client id is the trace id and span id. */
async function spanRow(h: GatewayHarness, span: Span) {
  const { traceId, spanId } = span.spanContext();
  for (let i = 0; i < 200; i++) {
    const row = await h.t.db.request.findFirst({ where: { workspaceId: h.workspaceId, clientRequestId: `${traceId}-${spanId}` } });
    if (row) return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no row for span ${spanId}`);
}

/** The context of a child of `parent` (passed explicitly: the test registers no context manager). */
const childOf = (parent: Span) => trace.setSpan(context.active(), parent);

export function otelScenarios(h: () => GatewayHarness) {
  it("logs GenAI spans from an OTLP/protobuf exporter as priced rows, with the trace as the session, once each however often they are sent", async () => {
    const otel = tracing(new ProtobufExporter(exporterOptions(h(), { "Helicone-Property-Team": "search" })));
    const agent = otel.tracer.startSpan("research-agent");
    const chat = otel.tracer.startSpan(
      "chat gpt-4o-mini",
      {
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-4o-mini",
          "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
          "gen_ai.usage.input_tokens": 100,
          "gen_ai.usage.output_tokens": 50,
          "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: "Find papers on gateways" }] }]),
          "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: "Here are three." }], finish_reason: "stop" }]),
          "user.id": "otel-user",
        },
      },
      childOf(agent),
    );
    chat.end();
    const tool = otel.tracer.startSpan("execute_tool search", { attributes: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "search" } }, childOf(agent));
    tool.end();
    // A Helicone registry name, an error status: priced as Anthropic's model, logged as the failure it was.
    const failed = otel.tracer.startSpan("chat claude", { attributes: { "gen_ai.system": "anthropic", "gen_ai.request.model": "claude-4.5-haiku", "gen_ai.usage.input_tokens": 10, "gen_ai.usage.output_tokens": 0 } }, childOf(agent));
    failed.setStatus({ code: SpanStatusCode.ERROR, message: "overloaded_error: Overloaded" });
    failed.end();
    agent.end();
    await otel.flush();

    const row = await spanRow(h(), chat);
    expect(row).toMatchObject({ path: "/v1/traces", provider: "openai", modelRequested: "gpt-4o-mini", modelServed: "gpt-4o-mini-2024-07-18", status: 200, promptTokens: 100, completionTokens: 50, usageEstimated: false, userId: "otel-user" });
    // gpt-4o-mini: $0.15 / $0.60 per million tokens.
    expect(row.costNanoUsd).toBe(BigInt(100 * 150 + 50 * 600));
    expect(row).toMatchObject({ sessionId: chat.spanContext().traceId, sessionName: "otel-scenarios", sessionPath: "/research-agent/chat gpt-4o-mini" });
    const { startTime, endTime } = otel.finished().find((s) => s.spanContext().spanId === chat.spanContext().spanId)!;
    expect(row.createdAt.getTime()).toBe(startTime[0] * 1000 + Math.floor(startTime[1] / 1e6));
    expect(row.latencyMs).toBe(Math.floor(((endTime[0] - startTime[0]) * 1e9 + endTime[1] - startTime[1]) / 1e6));
    expect(JSON.parse(row.requestBody!)).toMatchObject({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Find papers on gateways" }] });
    expect(JSON.parse(row.responseBody!)).toMatchObject({ choices: [{ message: { role: "assistant", content: "Here are three." } }] });
    expect(await h().t.db.requestProperty.findFirst({ where: { requestId: row.id, key: "team" } })).toMatchObject({ value: "search" });

    const failure = await spanRow(h(), failed);
    expect(failure).toMatchObject({ provider: "anthropic", modelRequested: "claude-4.5-haiku", status: 500, errorMessage: "overloaded_error: Overloaded", promptTokens: 10 });
    // claude-haiku-4-5: $1 per million input tokens.
    expect(failure.costNanoUsd).toBe(10_000n);

    // The exporter sends the batch again: nothing is added. A later span shows the resend was processed.
    expect(await otel.resend(otel.finished())).toBe(0);
    const marker = otel.tracer.startSpan("chat marker", { attributes: { "gen_ai.system": "openai", "gen_ai.request.model": "gpt-4o-mini" } });
    marker.end();
    await otel.flush();
    await spanRow(h(), marker);
    const traced = await h().t.db.request.findMany({ where: { workspaceId: h().workspaceId, sessionId: chat.spanContext().traceId } });
    expect(traced.map((r) => r.modelRequested).sort()).toEqual(["claude-4.5-haiku", "gpt-4o-mini"]);
    await otel.shutdown();
  });

  it("logs OpenLLMetry spans from a gzipped OTLP/JSON exporter, with their association properties", async () => {
    const otel = tracing(new JsonExporter({ ...exporterOptions(h()), compression: "gzip" as never }));
    const span = otel.tracer.startSpan("openai.chat", {
      attributes: {
        "llm.request.type": "chat",
        "gen_ai.system": "OpenAI",
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.response.model": "gpt-4o-2024-08-06",
        "gen_ai.usage.prompt_tokens": 200,
        "gen_ai.usage.completion_tokens": 20,
        "llm.is_streaming": true,
        "gen_ai.prompt.0.role": "system",
        "gen_ai.prompt.0.content": "You are terse.",
        "gen_ai.prompt.1.role": "user",
        "gen_ai.prompt.1.content": "Weather in Paris?",
        "gen_ai.completion.0.role": "assistant",
        "gen_ai.completion.0.tool_calls.0.name": "get_weather",
        "gen_ai.completion.0.tool_calls.0.arguments": '{"city":"Paris"}',
        "traceloop.workflow.name": "weather-bot",
        "traceloop.association.properties.user_id": "ll-user",
        "traceloop.association.properties.session_id": "ll-session",
        "traceloop.association.properties.Tenant": "acme",
      },
    });
    span.end();
    await otel.flush();
    const row = await spanRow(h(), span);
    // gpt-4o: $2.50 / $10 per million tokens.
    expect(row).toMatchObject({ provider: "openai", modelRequested: "gpt-4o", streamed: true, promptTokens: 200, completionTokens: 20, costNanoUsd: BigInt(200 * 2500 + 20 * 10_000), userId: "ll-user", sessionId: "ll-session", sessionName: "weather-bot" });
    expect(JSON.parse(row.requestBody!).messages).toEqual([{ role: "system", content: "You are terse." }, { role: "user", content: "Weather in Paris?" }]);
    expect(JSON.parse(row.responseBody!).choices[0].message.tool_calls[0]).toMatchObject({ function: { name: "get_weather", arguments: '{"city":"Paris"}' } });
    // Keys in lower case, as Helicone-Property-* headers arrive, so one filter finds both.
    expect(await h().t.db.requestProperty.findMany({ where: { requestId: row.id }, select: { key: true, value: true } })).toEqual([{ key: "tenant", value: "acme" }]);
    await otel.shutdown();
  });

  it("logs the Vercel AI SDK's telemetry of calls made straight to the provider: one row per model call, streamed or not", async () => {
    const otel = tracing(new ProtobufExporter(exporterOptions(h())));
    const provider = createOpenAI({ baseURL: `${h().fake.url}/v1`, apiKey: "sk-direct" });
    const telemetry = { isEnabled: true, tracer: otel.tracer, functionId: "summarize", metadata: { userId: "ai-user", sessionId: "ai-session", feature: "summary" } };
    const result = await generateText({ model: provider.chat("gpt-4o-mini"), prompt: "Summarize the gateway", experimental_telemetry: telemetry });
    const streamed = streamText({ model: provider.chat("gpt-4o-mini"), prompt: "Stream a summary", experimental_telemetry: { ...telemetry, metadata: { ...telemetry.metadata, sessionId: "ai-stream" } } });
    expect(await streamed.text).toContain("Stream a summary");
    await otel.flush();

    const calls = otel.finished().filter((s) => /\.do(Generate|Stream)$/.test(s.name));
    expect(calls.map((s) => s.name).sort()).toEqual(["ai.generateText.doGenerate", "ai.streamText.doStream"]);
    const rows = [];
    for (const span of calls) rows.push(await spanRow(h(), { spanContext: () => span.spanContext() } as Span));
    const [plain, stream] = [rows.find((r) => r.sessionId === "ai-session")!, rows.find((r) => r.sessionId === "ai-stream")!];
    expect(plain).toMatchObject({ provider: "openai", modelRequested: "gpt-4o-mini", streamed: false, userId: "ai-user", sessionName: "summarize", promptTokens: result.usage.inputTokens, completionTokens: result.usage.outputTokens, usageEstimated: false });
    expect(plain.costNanoUsd).toBe(BigInt(result.usage.inputTokens! * 150 + result.usage.outputTokens! * 600));
    expect(JSON.parse(plain.responseBody!).choices[0].message.content).toBe(result.text);
    expect(await h().t.db.requestProperty.findFirst({ where: { requestId: plain.id, key: "feature" } })).toMatchObject({ value: "summary" });
    expect(stream).toMatchObject({ streamed: true, status: 200 });
    expect(stream.timeToFirstTokenMs).not.toBeNull();
    // The SDK's outer spans (ai.generateText, ai.streamText) sum their calls and are not rows.
    expect(await h().t.db.request.count({ where: { workspaceId: h().workspaceId, userId: "ai-user" } })).toBe(2);
    await otel.shutdown();
  });

  it("answers bad trace exports with a clear error and a 2xx to exports without model calls", async () => {
    const url = `${h().url}/v1/traces`;
    const auth = { authorization: `Bearer ${h().key}` };
    const send = async (body: BodyInit, headers: Record<string, string>, method = "POST") => {
      const res = await fetch(url, { method, headers: { ...auth, ...headers }, body: method === "GET" ? undefined : body });
      return { status: res.status, text: await res.text() };
    };
    const protobuf = await send(Buffer.from([0x0a, 0xff, 0xff, 0xff]), { "content-type": "application/x-protobuf" });
    expect(protobuf.status).toBe(400);
    expect(JSON.parse(protobuf.text)).toMatchObject({ error: { code: "invalid_otlp" } });
    const badId = await send(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: "x", spanId: "y", startTimeUnixNano: "1", endTimeUnixNano: "2" }] }] }] }), { "content-type": "application/json" });
    expect(badId.status).toBe(400);
    expect(JSON.parse(badId.text).error.message).toContain("is not a 16-byte span or trace id");
    expect((await send("{}", { "content-type": "text/plain" })).status).toBe(415);
    expect((await send("", {}, "GET")).status).toBe(405);
    const anonymous = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(anonymous.status).toBe(401);
    const empty = await fetch(url, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ resourceSpans: [] }) });
    expect(empty.status).toBe(200);
    expect(await empty.json()).toEqual({});
    expect(empty.headers.get("tollgate-logged-spans")).toBe("0");
  });
}
