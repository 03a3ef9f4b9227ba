// Steady keep-alive load against a gateway, as a client fleet makes it: workers each send one
// call after another over pooled connections, and every outcome is recorded (status, our row
// id, whether the answer was JSON), so a test can compare what was answered with what was logged.
import { Agent, request } from "undici";

export interface CallSpec {
  path: string;
  /** JSON-encoded unless a string (sent as it is); none when undefined. */
  body: unknown;
  headers?: Record<string, string>;
  method?: string;
}

export interface Outcome {
  /** HTTP status, or null when no answer came (connection refused or reset). */
  status: number | null;
  /** x-request-id: the log row's id. */
  id: string | null;
  json: boolean;
  /** A streamed answer was cut before its end. */
  cut: boolean;
  error?: string;
  ms: number;
}

export interface Load {
  outcomes: Outcome[];
  /** Stops sending and waits for the calls under way. */
  stop: () => Promise<Outcome[]>;
  /** Resolves once `count` calls have been answered, so a test acts under load that really ran (slow machines vary). */
  answered: (count: number, timeoutMs?: number) => Promise<void>;
}

/** One call: reads the whole answer (a stream to its end). */
export async function call(url: string, spec: CallSpec, key: string, dispatcher?: Agent): Promise<Outcome> {
  const started = performance.now();
  try {
    const res = await request(`${url}${spec.path}`, {
      method: (spec.method ?? "POST") as "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...spec.headers },
      body: spec.body === undefined ? undefined : typeof spec.body === "string" ? spec.body : JSON.stringify(spec.body),
      dispatcher,
    });
    const id = (res.headers["x-request-id"] as string | undefined) ?? null;
    const type = String(res.headers["content-type"] ?? "");
    let cut = false;
    let text = "";
    try {
      text = await res.body.text();
    } catch {
      cut = true;
    }
    let json = type.includes("text/event-stream");
    if (!json) {
      try {
        JSON.parse(text);
        json = type.includes("application/json");
      } catch {
        json = false;
      }
    }
    return { status: res.statusCode, id, json, cut, ms: performance.now() - started };
  } catch (error) {
    return { status: null, id: null, json: false, cut: false, error: (error as { code?: string }).code ?? (error as Error).message, ms: performance.now() - started };
  }
}

/**
 * `workers` concurrent senders, each picking its next call from `next(i)`, until stopped or
 * until the server refuses connections (it has gone).
 */
export function startLoad(url: string, key: string, workers: number, next: (i: number) => CallSpec): Load {
  const outcomes: Outcome[] = [];
  const dispatcher = new Agent({ connections: workers, keepAliveTimeout: 60_000 });
  let stopped = false;
  let sent = 0;
  const worker = async () => {
    while (!stopped) {
      const outcome = await call(url, next(sent++), key, dispatcher);
      outcomes.push(outcome);
      if (outcome.error === "ECONNREFUSED") break; // the server stopped listening
    }
  };
  const running = Promise.all(Array.from({ length: workers }, worker));
  return {
    outcomes,
    stop: async () => {
      stopped = true;
      await running;
      await dispatcher.close();
      return outcomes;
    },
    answered: async (count, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (outcomes.filter((o) => o.status !== null).length < count) {
        if (Date.now() > deadline) throw new Error(`only ${outcomes.length} calls answered in ${timeoutMs} ms`);
        await sleep(20);
      }
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Mostly quick calls, some slow ones and some streams, as a real fleet sends them during a deploy. */
export const deployMix =
  (headers?: Record<string, string>) =>
  (i: number): CallSpec => {
    const messages = [{ role: "user", content: "Deploy day." }];
    const kind = i % 10;
    if (kind < 7) return { path: "/v1/chat/completions", body: { model: "gpt-4o-mini", messages }, headers };
    if (kind < 9) return { path: "/v1/chat/completions", body: { model: "gpt-4o-mini+delay-1000", messages }, headers };
    return { path: "/v1/chat/completions", body: { model: "gpt-4o-mini+delay-700", messages, stream: true }, headers };
  };
