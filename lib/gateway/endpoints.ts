// The paths the gateway serves, each with and without the /v1 prefix: the OpenAI SDK with a
// bare base URL calls /chat/completions, the cURL examples call /v1/chat/completions.
import type { WireFormat } from "../providers/catalog";
import { loggedPath, passthroughFamily } from "./passthrough-paths";

export type EndpointKind = "chat" | "completions" | "embeddings" | "responses" | "models" | "messages" | "log" | "traces" | "passthrough";

export interface Endpoint {
  kind: EndpointKind;
  /** ANY: the provider decides (files, batches). */
  method: "GET" | "POST" | "ANY";
  /** The wire format the client speaks on this endpoint. */
  clientFormat: WireFormat;
  /** Path appended to an OpenAI-compatible base URL (…/v1). */
  openAiPath: string;
  /** The canonical path, stored in the log. */
  path: string;
}

const ENDPOINTS: Endpoint[] = [
  { kind: "chat", method: "POST", clientFormat: "openai", openAiPath: "/chat/completions", path: "/v1/chat/completions" },
  { kind: "completions", method: "POST", clientFormat: "openai", openAiPath: "/completions", path: "/v1/completions" },
  { kind: "embeddings", method: "POST", clientFormat: "openai", openAiPath: "/embeddings", path: "/v1/embeddings" },
  { kind: "responses", method: "POST", clientFormat: "openai", openAiPath: "/responses", path: "/v1/responses" },
  { kind: "models", method: "GET", clientFormat: "openai", openAiPath: "/models", path: "/v1/models" },
  { kind: "messages", method: "POST", clientFormat: "anthropic", openAiPath: "/chat/completions", path: "/v1/messages" },
  // Helicone's async logging: calls reported after the fact (stages/async-log.ts).
  // OpenTelemetry ingest: OTLP/HTTP trace exports (stages/traces.ts).
  { kind: "traces", method: "POST", clientFormat: "openai", openAiPath: "", path: "/v1/traces" },
  ...["custom", "oai", "anthropic", "googleapis"].map((route): Endpoint => ({ kind: "log", method: "POST", clientFormat: "openai", openAiPath: "", path: `/${route}/v1/log` })),
];

const BY_PATH = new Map<string, Endpoint>();
for (const e of ENDPOINTS) {
  BY_PATH.set(e.path, e);
  if (e.path.startsWith("/v1/")) BY_PATH.set(e.path.slice("/v1".length), e);
}

/** The endpoint for a request URL (query string ignored), or undefined when it is not a gateway path. */
export function matchEndpoint(url: string | undefined): Endpoint | undefined {
  if (!url) return undefined;
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const exact = BY_PATH.get(path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path);
  if (exact) return exact;
  const bare = path.replace(/^\/v1(?=\/)/, "");
  if (!passthroughFamily(bare)) return undefined;
  return { kind: "passthrough", method: "ANY", clientFormat: "openai", openAiPath: bare, path: loggedPath(bare) };
}
