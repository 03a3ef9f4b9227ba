// Writing responses the way providers do: JSON bodies, SSE frames, rate-limit headers.
import type { ServerResponse } from "node:http";
import type { Behaviour } from "./behaviour";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

export interface SseFrame {
  event?: string;
  data: unknown;
}

/**
 * Streams frames as text/event-stream, honouring stall, drop and malformed behaviours.
 * `contentFrames` counts only the frames that carry content, which is what stall/drop count.
 */
export async function sendSse(
  res: ServerResponse,
  frames: { frame: SseFrame | "[DONE]"; content: boolean }[],
  headers: Record<string, string>,
  behaviour: Behaviour,
) {
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive", ...headers });
  let contentSent = 0;
  for (const { frame, content } of frames) {
    if (content && behaviour.stallAfter !== undefined && contentSent >= behaviour.stallAfter) return; // leave the socket open
    if (content && behaviour.dropAfter !== undefined && contentSent >= behaviour.dropAfter) {
      await sleep(20); // let what was written reach the client first, as a real cut would
      res.socket?.destroy();
      return;
    }
    if (frame === "[DONE]") res.write("data: [DONE]\n\n");
    else res.write(`${frame.event ? `event: ${frame.event}\n` : ""}data: ${JSON.stringify(frame.data)}\n\n`);
    if (content) {
      contentSent++;
      if (behaviour.malformed && contentSent === 1) res.write('data: {"choices": [{"delta": {"content": "broken\n\n');
    }
  }
  res.end();
}
