// Thousands of malformed requests, generated (tests/support/bad-input-corpus.ts), plus malformed
// HTTP that Node's own parser rejects and paths Next would answer with a 500 or an HTML page:
// every answer is a 4xx (or a success) in JSON, never a 5xx, and memory comes back down.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metric } from "../support/app-state";
import { badInputCorpus } from "../support/bad-input-corpus";
import { type GatewayHarness, startGatewayHarness } from "../support/gateway/harness";
import { type Outcome, call, sleep } from "../support/load";
import { recordFigures } from "../support/reliability-report";

/** Sends raw bytes and returns the status line's code, the content type and the body. */
function raw(url: string, bytes: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let text = "";
    socket.on("data", (d) => (text += d));
    socket.on("error", reject);
    socket.on("close", () => {
      const split = text.indexOf("\r\n\r\n");
      const head = text.slice(0, split);
      let body = text.slice(split + 4);
      if (/transfer-encoding: chunked/i.test(head)) body = body.split("\r\n").filter((_, i) => i % 2 === 1).join("");
      resolve({ status: Number(head.split(" ")[1]), type: /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? "", body });
    });
    setTimeout(() => socket.end(), 2000);
  });
}

describe("malformed requests", () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness("server", "postgres");
  });
  afterAll(() => h?.stop());

  it("answers a generated corpus of 2,000+ malformed requests with JSON 4xx, never a 5xx", async () => {
    const corpus = badInputCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(2000);
    const rssBefore = (await metric(h.url, "tollgate_process_resident_memory_bytes"))!;
    const outcomes: (Outcome & { label: string })[] = [];
    for (let i = 0; i < corpus.length; i += 16) {
      const batch = corpus.slice(i, i + 16);
      outcomes.push(...(await Promise.all(batch.map(async (spec) => ({ ...(await call(h.url, spec, h.key)), label: spec.label })))));
    }
    await sleep(1000);
    const rssAfter = (await metric(h.url, "tollgate_process_resident_memory_bytes"))!;
    const serverErrors = outcomes.filter((o) => o.status === null || o.status >= 500);
    const notJson = outcomes.filter((o) => !o.json);
    recordFigures("malformed request corpus (npm start, postgres)", {
      sent: outcomes.length,
      answered4xx: outcomes.filter((o) => o.status! >= 400 && o.status! < 500).length,
      answered2xx: outcomes.filter((o) => o.status! < 300).length,
      gateway5xx: serverErrors.length,
      notJson: notJson.length,
      rssBeforeMb: Math.round(rssBefore / 1e6),
      rssAfterMb: Math.round(rssAfter / 1e6),
    });
    expect(serverErrors.map((o) => `${o.label}: ${o.status ?? o.error}`)).toEqual([]);
    expect(notJson.map((o) => `${o.label}: ${o.status}`)).toEqual([]);
    expect(rssAfter - rssBefore).toBeLessThan(150e6);
  });

  it("answers what Node's parser and Next's router would refuse with JSON, too", async () => {
    const manyProperties = Array.from({ length: 1000 }, (_, i) => `Helicone-Property-P${i}: x\r\n`).join("");
    const cases = {
      "1,000 property headers": `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${h.key}\r\n${manyProperties}Content-Length: 2\r\n\r\n{}`,
      "a broken request line": "GARBAGE\r\n\r\n",
      "a control character in a header": "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n",
      "OPTIONS *": "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
      "TRACE on the API": "TRACE /api/v1/requests HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
      "an undecodable API path": "GET /api/v1/requests/%%% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
      "an undecodable page path": "GET /requests/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
      "an undecodable query": `GET /api/v1/requests?from=%%% HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${h.key}\r\nConnection: close\r\n\r\n`,
    };
    for (const [name, bytes] of Object.entries(cases)) {
      const answer = await raw(h.url, bytes);
      expect(answer.status, name).toBeGreaterThanOrEqual(400);
      expect(answer.status, name).toBeLessThan(500);
      expect(answer.type, name).toContain("application/json");
      expect(() => JSON.parse(answer.body), name).not.toThrow();
    }
  });
});
