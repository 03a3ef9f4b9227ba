// A standalone fake of the OpenAI and Anthropic APIs for tests, benchmarks and the demo.
// It speaks their wire formats (JSON, SSE, error bodies, rate-limit headers) and misbehaves
// on demand (behaviour.ts). GET /__fake/stats and POST /__fake/reset let a test in another
// process check what reached the provider.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { anthropicError, messages, type MessagesRequest } from "./anthropic";
import { type Behaviour, BehaviourCounter, readBehaviour } from "./behaviour";
import { type ChatRequest, chatCompletions, embeddings, listModels, openAiError, responses } from "./openai";
import { RateLimitWindow } from "./rate-limits";
import { sendJson, sleep } from "./sse";
import { media, multipartFields, readRaw } from "./media";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: unknown;
}

export interface FakeProviders {
  url: string;
  port: number;
  server: Server;
  /** Requests received per path since start or the last reset. */
  counts: () => Record<string, number>;
  /** The most recent requests (up to 200), oldest first. */
  requests: () => RecordedRequest[];
  /** Misbehaves this way for every request until reset, as a slow or failing provider would. */
  setDefaultBehaviour: (behaviour: Behaviour) => void;
  /** Holds every model call until release(), so a test knows which calls are in flight together. */
  hold: () => { waiting: () => number; release: () => void };
  reset: () => void;
  close: () => Promise<void>;
}

const MAX_RECORDED = 200;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : {};
}

const bearer = (req: IncomingMessage) => /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? "")?.[1];

export interface FakeProviderOptions {
  port?: number;
  host?: string;
  /** Fail every n-th model call with this status (429 or 503), as a busy provider does: for the demo. */
  chaos?: { every: number; status: number };
}

export async function startFakeProviders({ port = 0, host = "127.0.0.1", chaos }: FakeProviderOptions = {}): Promise<FakeProviders> {
  let modelCalls = 0;
  let defaults: Behaviour = {};
  const counter = new BehaviourCounter();
  const openaiLimits = new RateLimitWindow(10_000, 30_000_000);
  const anthropicLimits = new RateLimitWindow(4_000, 2_000_000);
  const counts: Record<string, number> = {};
  const recorded: RecordedRequest[] = [];
  let gate: { opened: Promise<void>; waiting: number } | null = null;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === "/__fake/stats") return sendJson(res, 200, { counts });
    if (path === "/__fake/requests") return sendJson(res, 200, { requests: recorded });
    if (path === "/__fake/reset" && req.method === "POST") {
      reset();
      return sendJson(res, 200, { ok: true });
    }

    counts[path] = (counts[path] ?? 0) + 1;
    let body: Record<string, unknown> = {};
    let raw: Buffer = Buffer.alloc(0);
    const multipart = String(req.headers["content-type"] ?? "").startsWith("multipart/form-data");
    if (req.method === "POST" && multipart) {
      raw = await readRaw(req);
      body = multipartFields(raw, String(req.headers["content-type"]));
    } else if (req.method === "POST") {
      try {
        body = (await readJson(req)) as Record<string, unknown>;
      } catch {
        return sendJson(res, 400, { error: { message: "We could not parse the JSON body of your request.", type: "invalid_request_error", param: null, code: null } });
      }
    }
    recorded.push({ method: req.method ?? "GET", path, headers: req.headers, body });
    if (recorded.length > MAX_RECORDED) recorded.shift();

    const isAnthropic = path === "/v1/messages";
    const parsed = readBehaviour(String(body.model ?? ""), req.headers["x-fake-behavior"] as string | undefined);
    const behaviour = { ...defaults, ...counter.apply(parsed, req.headers["x-fake-key"] as string | undefined) };
    if (chaos && req.method === "POST" && ++modelCalls % chaos.every === 0 && !behaviour.error) behaviour.error = chaos.status;
    const fail = isAnthropic ? anthropicError : openAiError;

    // Anthropic accepts x-api-key (its current SDK sends a bearer token instead); Azure OpenAI takes api-key.
    // Anthropic's model list (GET /v1/models with anthropic-version) takes x-api-key too.
    const anthropicAuth = isAnthropic || req.headers["anthropic-version"] !== undefined;
    const key = anthropicAuth ? ((req.headers["x-api-key"] as string | undefined) ?? bearer(req)) : (bearer(req) ?? (req.headers["api-key"] as string | undefined));
    if (!key || key === "invalid") return fail(res, 401, behaviour, {});
    if (gate) {
      gate.waiting += 1;
      await gate.opened;
    }
    if (behaviour.delayMs) await sleep(behaviour.delayMs);
    if (behaviour.error) return fail(res, behaviour.error, behaviour, {});

    if (req.method === "GET" && path === "/v1/models") return listModels(res, req.headers["anthropic-version"] !== undefined);
    if (await media(req, res, path, body, raw)) return;
    if (req.method !== "POST") return fail(res, 404, behaviour, {});
    if (path === "/v1/chat/completions") return chatCompletions(res, body as unknown as ChatRequest, parsed.model, behaviour, openaiLimits);
    if (path === "/v1/embeddings") return embeddings(res, body as { model: string }, parsed.model, openaiLimits);
    if (path === "/v1/responses") return responses(res, body as { model: string }, parsed.model, behaviour, openaiLimits);
    if (isAnthropic) return messages(res, body as unknown as MessagesRequest, parsed.model, behaviour, anthropicLimits);
    return fail(res, 404, behaviour, {});
  }

  function reset() {
    defaults = {};
    for (const k of Object.keys(counts)) delete counts[k];
    recorded.length = 0;
    counter.reset();
    openaiLimits.reset();
    anthropicLimits.reset();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: error.message, type: "server_error", param: null, code: null } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    server,
    counts: () => ({ ...counts }),
    requests: () => [...recorded],
    setDefaultBehaviour: (behaviour) => void (defaults = behaviour),
    hold: () => {
      let open = () => {};
      const held = { opened: new Promise<void>((resolve) => (open = resolve)), waiting: 0 };
      gate = held;
      return {
        waiting: () => held.waiting,
        release: () => {
          if (gate === held) gate = null;
          open();
        },
      };
    },
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
