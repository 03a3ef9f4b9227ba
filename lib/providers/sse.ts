// Incremental Server-Sent Events parsing (WHATWG event-stream), for teeing upstream streams.

export interface SseEvent {
  event?: string;
  data: string;
}

/** Feeds text in, calls back once per complete event. Handles \n, \r\n and split chunks. */
export class SseParser {
  private buffer = "";

  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  push(chunk: string) {
    this.buffer += chunk;
    let boundary: number;
    while ((boundary = this.nextBoundary()) !== -1) {
      const block = this.buffer.slice(0, boundary);
      this.buffer = this.buffer.slice(boundary).replace(/^(\r?\n){2}/, "");
      this.emit(block);
    }
  }

  /** Flushes a final event that had no trailing blank line. */
  end() {
    if (this.buffer.trim()) this.emit(this.buffer);
    this.buffer = "";
  }

  private nextBoundary(): number {
    const lf = this.buffer.indexOf("\n\n");
    const crlf = this.buffer.indexOf("\r\n\r\n");
    if (lf === -1) return crlf;
    if (crlf === -1) return lf;
    return Math.min(lf, crlf);
  }

  private emit(block: string) {
    let event: string | undefined;
    const data: string[] = [];
    for (const raw of block.split(/\r?\n/)) {
      if (!raw || raw.startsWith(":")) continue;
      const colon = raw.indexOf(":");
      const field = colon === -1 ? raw : raw.slice(0, colon);
      const value = colon === -1 ? "" : raw.slice(colon + 1).replace(/^ /, "");
      if (field === "data") data.push(value);
      else if (field === "event") event = value;
    }
    if (data.length > 0 || event) this.onEvent({ event, data: data.join("\n") });
  }
}

export const formatSse = (event: SseEvent) => `${event.event ? `event: ${event.event}\n` : ""}data: ${event.data}\n\n`;

/** Parses an event's JSON data; null for [DONE] or broken JSON. */
export function eventJson<T = Record<string, unknown>>(event: SseEvent): T | null {
  if (!event.data || event.data === "[DONE]") return null;
  try {
    return JSON.parse(event.data) as T;
  } catch {
    return null;
  }
}
