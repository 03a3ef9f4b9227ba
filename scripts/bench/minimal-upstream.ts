// The lightest possible provider: a fixed chat completion, as JSON or as its SSE stream, with no
// per-request work beyond reading the body. Against it, a gateway's own cost is what remains.
import { createServer } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { port: { type: "string" } } });

const usage = { prompt_tokens: 13, completion_tokens: 7, total_tokens: 20 };
const completion = JSON.stringify({
  id: "chatcmpl-fixed",
  object: "chat.completion",
  created: 1_700_000_000,
  model: "gpt-4o-mini",
  choices: [{ index: 0, message: { role: "assistant", content: "Hello there, how are you?" }, finish_reason: "stop" }],
  usage,
});
const chunk = (delta: object, finish: string | null, withUsage = false) =>
  `data: ${JSON.stringify({ id: "chatcmpl-fixed", object: "chat.completion.chunk", created: 1_700_000_000, model: "gpt-4o-mini", choices: withUsage ? [] : [{ index: 0, delta, finish_reason: finish }], ...(withUsage ? { usage } : {}) })}\n\n`;
const stream = [chunk({ role: "assistant", content: "" }, null), ...["Hello", " there,", " how", " are", " you?"].map((t) => chunk({ content: t }, null)), chunk({}, "stop"), chunk({}, null, true), "data: [DONE]\n\n"].join("");
const JSON_HEADERS = { "content-type": "application/json", "content-length": Buffer.byteLength(completion), "x-ratelimit-limit-requests": "10000", "x-ratelimit-remaining-requests": "9999" };
// Streams go chunked, without a length, as providers send them.
const SSE_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache", "x-ratelimit-limit-requests": "10000", "x-ratelimit-remaining-requests": "9999" };

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    // A substring test, not a parse: the answer is fixed either way.
    const streamed = Buffer.concat(chunks).includes('"stream":true');
    res.writeHead(200, streamed ? SSE_HEADERS : JSON_HEADERS);
    res.end(streamed ? stream : completion);
  });
}).listen(Number(values.port), "127.0.0.1", () => console.log("minimal upstream ready"));
