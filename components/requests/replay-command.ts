// A cURL command that sends a logged request through the gateway again, with the caller's own
// key left as a shell variable (keys are never stored, so never shown).

/** Paths a stored JSON body can be replayed to; reported calls (async logs, traces) cannot. */
const REPLAYABLE = new Set(["/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/responses", "/v1/messages", "/v1/moderations"]);

/** Single-quoted for a POSIX shell. */
const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function replayCommand(origin: string, path: string, body: unknown): string | null {
  if (!REPLAYABLE.has(path) || !body || typeof body !== "object") return null;
  return [
    `curl ${quoted(`${origin}${path}`)}`,
    `  -H "Authorization: Bearer $TOLLGATE_API_KEY"`,
    `  -H "Content-Type: application/json"`,
    `  -d ${quoted(JSON.stringify(body))}`,
  ].join(" \\\n");
}
