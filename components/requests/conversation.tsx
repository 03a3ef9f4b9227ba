// A request and its answer rendered as chat turns, whichever format (OpenAI or Anthropic) they use.

type Json = Record<string, unknown>;

export interface Turn {
  role: string;
  text: string;
  toolCalls: { name: string; args: string }[];
  images: string[];
}

function partsOf(content: unknown): { text: string; images: string[]; toolCalls: Turn["toolCalls"] } {
  if (typeof content === "string") return { text: content, images: [], toolCalls: [] };
  const out = { text: "", images: [] as string[], toolCalls: [] as Turn["toolCalls"] };
  for (const part of Array.isArray(content) ? (content as Json[]) : []) {
    if (part.type === "text") out.text += String(part.text ?? "");
    else if (part.type === "image_url") out.images.push(String((part.image_url as Json)?.url ?? ""));
    else if (part.type === "image") out.images.push(((part.source as Json)?.url as string) ?? `${String((part.source as Json)?.media_type ?? "image")} (inline)`);
    else if (part.type === "tool_use") out.toolCalls.push({ name: String(part.name), args: JSON.stringify(part.input) });
    else if (part.type === "tool_result") out.text += `[tool result] ${typeof part.content === "string" ? part.content : JSON.stringify(part.content)}`;
  }
  return out;
}

function turnOf(message: Json): Turn {
  const { text, images, toolCalls } = partsOf(message.content);
  const calls = ((message.tool_calls as Json[] | undefined) ?? []).map((c) => ({ name: String((c.function as Json)?.name), args: String((c.function as Json)?.arguments ?? "") }));
  return { role: String(message.role ?? "assistant"), text, images, toolCalls: [...toolCalls, ...calls] };
}

/** The turns of a stored request and response. */
export function conversation(request: unknown, response: unknown): Turn[] {
  const turns: Turn[] = [];
  const req = (request ?? {}) as Json;
  if (req.system) turns.push({ role: "system", ...partsOf(req.system), toolCalls: [] });
  for (const m of (req.messages as Json[] | undefined) ?? []) turns.push(turnOf(m));
  if (typeof req.prompt === "string") turns.push({ role: "user", text: req.prompt, images: [], toolCalls: [] });
  if (req.input !== undefined && !req.messages) turns.push({ role: "user", text: typeof req.input === "string" ? req.input : JSON.stringify(req.input), images: [], toolCalls: [] });
  const res = (response ?? {}) as Json;
  const choice = (res.choices as Json[] | undefined)?.[0];
  if (choice?.message) turns.push(turnOf(choice.message as Json));
  else if (res.type === "message") turns.push(turnOf({ role: "assistant", content: res.content }));
  return turns;
}

const ROLE_STYLE: Record<string, string> = {
  system: "bg-zinc-100 dark:bg-zinc-800",
  user: "bg-indigo-50 dark:bg-indigo-950",
  assistant: "bg-emerald-50 dark:bg-emerald-950",
  tool: "bg-amber-50 dark:bg-amber-950",
};

export function Conversation({ turns }: { turns: Turn[] }) {
  if (turns.length === 0) return <p className="text-sm text-zinc-500">No body stored for this request.</p>;
  return (
    <ol className="space-y-2">
      {turns.map((t, i) => (
        <li key={i} className={`rounded-md p-3 text-sm ${ROLE_STYLE[t.role] ?? ROLE_STYLE.user}`}>
          <p className="mb-1 text-xs font-semibold uppercase text-zinc-600 dark:text-zinc-400">{t.role}</p>
          {t.text ? <p className="whitespace-pre-wrap break-words">{t.text}</p> : null}
          {t.images.map((src, j) => (
            <p key={j} className="text-xs text-zinc-500">
              🖼 {src.startsWith("data:") ? "inline image" : src}
            </p>
          ))}
          {t.toolCalls.map((c, j) => (
            <pre key={j} className="mt-1 overflow-x-auto rounded bg-white/70 p-2 text-xs dark:bg-black/30">
              {c.name}({c.args})
            </pre>
          ))}
        </li>
      ))}
    </ol>
  );
}
