import { randomUUID } from "node:crypto";
import type { RequestLogRow } from "@/lib/db/request-log";

/** A complete log row as the gateway builds it, for tests of the write path. */
export function logRow(workspaceId: string, overrides: Partial<RequestLogRow> = {}): RequestLogRow {
  return {
    id: randomUUID(),
    workspaceId,
    apiKeyId: null,
    createdAt: new Date(),
    provider: "openai",
    modelRequested: "gpt-4o-mini",
    modelServed: "gpt-4o-mini",
    path: "/v1/chat/completions",
    status: 200,
    errorMessage: null,
    latencyMs: 12,
    timeToFirstTokenMs: null,
    streamed: false,
    promptTokens: 10,
    completionTokens: 5,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    usageEstimated: false,
    costNanoUsd: 4500n,
    costSavedNanoUsd: null,
    cacheStatus: null,
    userId: null,
    sessionId: null,
    sessionPath: null,
    sessionName: null,
    rateLimitHeaders: null,
    requestBody: "{}",
    requestBodyState: "full",
    requestBytes: 2,
    responseBody: "{}",
    responseBodyState: "full",
    responseBytes: 2,
    properties: [{ key: "workflow", value: "tests" }],
    ...overrides,
  };
}
