// The rest of the fake OpenAI API, in its real wire formats: moderations, images, audio (speech
// answered as binary MP3 bytes, transcriptions from multipart uploads), files and batches.
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./sse";

const CREATED = 1_760_000_000;
/** A 1×1 transparent PNG. */
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

/** A multipart body's text fields (files are skipped), as the SDKs send them. */
export function multipartFields(body: Buffer, contentType: string): Record<string, string> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return {};
  const fields: Record<string, string> = {};
  for (const part of body.toString("latin1").split(`--${boundary[1] ?? boundary[2]}`)) {
    const name = /name="([^"]+)"/.exec(part)?.[1];
    if (!name || /filename="/.test(part)) continue;
    fields[name] = part.slice(part.indexOf("\r\n\r\n") + 4).replace(/\r\n$/, "");
  }
  return fields;
}

const files = new Map<string, { id: string; bytes: number; filename: string; purpose: string; content: Buffer }>();

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Answers a media, file or batch path; false when the path is not one of these. */
export async function media(req: IncomingMessage, res: ServerResponse, path: string, body: Record<string, unknown>, raw: Buffer): Promise<boolean> {
  const method = req.method ?? "GET";
  const form = multipartFields(raw, String(req.headers["content-type"] ?? ""));
  if (method === "POST" && path === "/v1/moderations") {
    sendJson(res, 200, { id: "modr-1", model: "omni-moderation-latest", results: [{ flagged: false, categories: { violence: false, harassment: false }, category_scores: { violence: 0.001, harassment: 0.002 } }] });
    return true;
  }
  if (method === "POST" && path === "/v1/images/generations") {
    const usage = String(body.model).startsWith("gpt-image") ? { usage: { input_tokens: 50, output_tokens: 272, total_tokens: 322, input_tokens_details: { text_tokens: 50, image_tokens: 0 } } } : {};
    sendJson(res, 200, { created: CREATED, data: [{ b64_json: PNG }], ...usage });
    return true;
  }
  if (method === "POST" && path === "/v1/audio/speech") {
    // Binary audio, sent in several chunks as a real TTS stream is.
    const bytes = Buffer.alloc(48 * 1024, 0x2a);
    bytes.write("ID3", 0, "latin1");
    res.writeHead(200, { "content-type": "audio/mpeg", "transfer-encoding": "chunked" });
    for (let i = 0; i < bytes.length; i += 8192) res.write(bytes.subarray(i, i + 8192));
    res.end();
    return true;
  }
  if (method === "POST" && (path === "/v1/audio/transcriptions" || path === "/v1/audio/translations")) {
    const usage = form.model?.startsWith("gpt-4o") ? { usage: { type: "tokens", input_tokens: 120, output_tokens: 12, total_tokens: 132 } } : {};
    sendJson(res, 200, { text: `Transcribed ${raw.length} bytes of audio.`, ...usage });
    return true;
  }
  if (path === "/v1/files" && method === "POST") {
    const id = `file-${files.size + 1}abc`;
    const file = { id, bytes: raw.length, filename: "upload.jsonl", purpose: form.purpose ?? "batch", content: raw };
    files.set(id, file);
    sendJson(res, 200, { id, object: "file", bytes: file.bytes, created_at: CREATED, filename: file.filename, purpose: file.purpose });
    return true;
  }
  if (path === "/v1/files" && method === "GET") {
    sendJson(res, 200, { object: "list", data: [...files.values()].map(({ content: _, ...f }) => ({ ...f, object: "file", created_at: CREATED })) });
    return true;
  }
  if (method === "POST" && path === "/v1/batches") {
    sendJson(res, 200, { id: "batch_1abc", object: "batch", endpoint: body.endpoint, input_file_id: body.input_file_id, completion_window: body.completion_window, status: "validating", created_at: CREATED });
    return true;
  }
  if (method === "GET" && /^\/v1\/batches\/batch_\w+$/.test(path)) {
    sendJson(res, 200, { id: path.split("/").pop(), object: "batch", status: "completed", created_at: CREATED });
    return true;
  }
  return false;
}
