import { describe, expect, it } from "vitest";
import { SseParser, type SseEvent, eventJson } from "@/lib/providers/sse";

const parse = (chunks: string[]) => {
  const events: SseEvent[] = [];
  const parser = new SseParser((e) => events.push(e));
  chunks.forEach((c) => parser.push(c));
  parser.end();
  return events;
};

describe("SseParser", () => {
  it("reassembles events split across chunks at any byte", () => {
    const text = 'event: message_start\ndata: {"a":1}\n\ndata: {"b":2}\n\ndata: [DONE]\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual([{ event: "message_start", data: '{"a":1}' }, { data: '{"b":2}' }, { data: "[DONE]" }]);
    }
  });

  it("accepts CRLF line endings, comments and multi-line data", () => {
    expect(parse([": ping\r\n\r\ndata: line1\r\ndata: line2\r\n\r\n"])).toEqual([{ data: "line1\nline2" }]);
  });

  it("flushes a last event without a trailing blank line", () => {
    expect(parse(["data: tail"])).toEqual([{ data: "tail" }]);
  });

  it("reads JSON data, and null for [DONE] or broken JSON", () => {
    expect(eventJson({ data: '{"x":1}' })).toEqual({ x: 1 });
    expect(eventJson({ data: "[DONE]" })).toBeNull();
    expect(eventJson({ data: '{"x":' })).toBeNull();
  });
});
