// SIGTERM flushes the request log before the process exits: nothing answered is lost.
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { startGatewayHarness } from "../support/gateway/harness";

describe.each([
  ["npm start", "server", {}],
  ["next start with NEXT_MANUAL_SIG_HANDLE", "next", { NEXT_MANUAL_SIG_HANDLE: "1" }],
] as const)("%s on SIGTERM", (_name, entry, env) => {
  it("writes every answered request before exiting", async () => {
    const h = await startGatewayHarness(entry, "postgres", env);
    try {
      const client = new OpenAI({ baseURL: `${h.url}/v1`, apiKey: h.key, maxRetries: 0 });
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: `n${i}` }] }).withResponse()),
      );
      const ids = results.map((r) => r.response.headers.get("helicone-id")!);
      await h.stopApp(); // SIGTERM right after the last answer, before the 100 ms flush tick
      expect(await h.t.db.request.count({ where: { id: { in: ids } } })).toBe(50);
    } finally {
      await h.stop();
    }
  });
});
