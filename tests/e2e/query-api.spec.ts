// The query API over HTTP, as scripts call it: API-key auth, workspace scope, validation.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrCreateWorkspace } from "@/lib/db/accounts";
import { createApiKey } from "@/lib/db/api-keys";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";

describe("GET /api/v1/requests", () => {
  let h: GatewayHarness;
  let requestId: string;
  const get = (path: string, key?: string) => fetch(`${h.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

  beforeAll(async () => {
    h = await startGatewayHarness("server", "sqlite");
    const client = new OpenAI({ baseURL: `${h.url}/v1`, apiKey: h.key, maxRetries: 0 });
    const { response } = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello!" }] }).withResponse();
    requestId = response.headers.get("helicone-id")!;
    await h.row(requestId);
  });
  afterAll(() => h?.stop());

  it("lists the workspace's requests with cost in dollars", async () => {
    const res = await get("/api/v1/requests?model=gpt-4o-mini&limit=10", h.key);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { id: string; costUsd: number; promptTokens: number; status: number }[]; nextCursor: string | null };
    expect(body.nextCursor).toBeNull();
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ id: requestId, status: 200, promptTokens: 6, model: "gpt-4o-mini" });
    expect(body.data[0]!.costUsd).toBeCloseTo((6 * 150 + 18 * 600) / 1e9, 12);
  });

  it("finds the seed exercise's steps by property, as the seed's dashboard filter does", async () => {
    const client = new OpenAI({ baseURL: h.url, apiKey: h.key, maxRetries: 0 });
    for (const step of ["research", "summarize"]) {
      await client.chat.completions
        .create({ model: step === "research" ? "gpt-4o" : "gpt-4o-mini", messages: [{ role: "user", content: `${step} AI observability` }] }, { headers: { "Helicone-Property-Workflow": "research-pipeline", "Helicone-Property-Step": step, "Helicone-Property-UserId": "student_1" } })
        .withResponse()
        .then((r) => h.row(r.response.headers.get("helicone-id")!));
    }
    const res = await get("/api/v1/requests?property.Workflow=research-pipeline", h.key);
    const body = (await res.json()) as { data: { model: string; userId: string; properties: Record<string, string>; costUsd: number }[] };
    expect(body.data.map((r) => r.properties.step)).toEqual(["summarize", "research"]);
    expect(body.data.every((r) => r.userId === "student_1" && r.costUsd > 0)).toBe(true);
    const research = (await (await get("/api/v1/requests?property.Workflow=research-pipeline&property.Step=research", h.key)).json()) as { data: unknown[] };
    expect(research.data).toHaveLength(1);
  });

  it("returns one request with its bodies", async () => {
    const res = await get(`/api/v1/requests/${requestId}`, h.key);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { requestBody: { messages: unknown[] }; responseBody: { choices: unknown[] }; rateLimitHeaders: Record<string, string> };
    expect(body.requestBody.messages).toHaveLength(1);
    expect(body.responseBody.choices).toHaveLength(1);
    expect(body.rateLimitHeaders["x-ratelimit-limit-requests"]).toBe("10000");
  });

  it("answers 401 without a key, 404 for another workspace, 400 for a bad query", async () => {
    expect((await get("/api/v1/requests")).status).toBe(401);
    expect((await get("/api/v1/requests", "tg_not_a_real_key_at_all_0000000")).status).toBe(401);
    const other = await findOrCreateWorkspace("other", "Other", h.t.db);
    const { secret } = await createApiKey({ workspaceId: other.id, name: "other" }, h.t.db);
    expect((await get(`/api/v1/requests/${requestId}`, secret)).status).toBe(404);
    const empty = (await (await get("/api/v1/requests", secret)).json()) as { data: unknown[] };
    expect(empty.data).toEqual([]);
    const bad = await get("/api/v1/requests?limit=5000", h.key);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_query", message: expect.stringContaining("limit") } });
  });

  it("reports the log queue in /api/health", async () => {
    const health = (await (await fetch(`${h.url}/api/health`)).json()) as { status: string; log: { written: number; dropped: number } };
    expect(health.status).toBe("ok");
    expect(health.log.written).toBeGreaterThanOrEqual(1);
    expect(health.log.dropped).toBe(0);
  });

  it("exposes Prometheus metrics for the gateway and its log queue", async () => {
    const text = await (await fetch(`${h.url}/metrics`)).text();
    expect(text).toMatch(/tollgate_gateway_requests_total\{endpoint="\/v1\/chat\/completions",provider="openai",status="200"\} [1-9]/);
    expect(text).toMatch(/^tollgate_log_rows_dropped 0$/m);
    expect(text).toMatch(/tollgate_upstream_responses_total\{provider="openai",status="200"\} [1-9]/);
    expect(text).toMatch(/^tollgate_log_rows_written [1-9]/m);
  });
});
