"use client";
// The empty workspace: "send your first request". A key is made here in the browser, the
// snippets carry it and the base URL, and the panel waits for the first request to arrive, then
// gives way to it.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { type KeyFormState, createKeyAction } from "@/lib/actions/keys";
import { CopyButton } from "../ui/copy-button";
import { SecretOnce } from "../settings/secret-once";

const LANGUAGES = ["Python", "TypeScript", "cURL"] as const;
type Language = (typeof LANGUAGES)[number];

function snippet(language: Language, baseUrl: string, key: string): string {
  const hello = "Hello from Tollgate!";
  if (language === "Python") {
    return `from openai import OpenAI  # pip install openai

client = OpenAI(base_url="${baseUrl}/v1", api_key="${key}")
reply = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "${hello}"}],
)
print(reply.choices[0].message.content)`;
  }
  if (language === "TypeScript") {
    return `import OpenAI from "openai"; // npm install openai

const client = new OpenAI({ baseURL: "${baseUrl}/v1", apiKey: "${key}" });
const reply = await client.chat.completions.create({
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: "${hello}" }],
});
console.log(reply.choices[0].message.content);`;
  }
  return `curl ${baseUrl}/v1/chat/completions \\
  -H "Authorization: Bearer ${key}" \\
  -H "Content-Type: application/json" \\
  -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"${hello}"}]}'`;
}

/** Asks every two seconds whether a request has arrived, then shows the page with it. */
function useFirstRequest() {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      fetch("/api/v1/requests?limit=1")
        .then((res) => (res.ok ? (res.json() as Promise<{ data: unknown[] }>) : { data: [] }))
        .then(({ data }) => {
          if (data.length) {
            clearInterval(timer);
            router.refresh();
          }
        })
        .catch(() => {});
    }, 2000);
    return () => clearInterval(timer);
  }, [router]);
}

export function GettingStarted({ baseUrl, canCreateKeys }: { baseUrl: string; canCreateKeys: boolean }) {
  const [state, action, pending] = useActionState<KeyFormState, FormData>(createKeyAction, {});
  const [language, setLanguage] = useState<Language>("Python");
  useFirstRequest();
  const key = state.created?.secret ?? "$TOLLGATE_API_KEY";
  const code = snippet(language, baseUrl, key);
  return (
    <section aria-label="Send your first request" className="space-y-4 rounded-lg border border-dashed border-zinc-300 bg-white p-6 dark:border-zinc-700 dark:bg-zinc-900">
      <div>
        <h2 className="text-lg font-semibold">Send your first request</h2>
        <p className="mt-1 text-sm text-zinc-500">
          Point any OpenAI client at <code className="font-mono">{baseUrl}/v1</code> with a Tollgate key. This page shows the request as soon as it arrives.
        </p>
      </div>
      <ol className="space-y-4 text-sm">
        <li className="space-y-2">
          <p className="font-medium">1. A key for your app</p>
          {state.created ? (
            <SecretOnce label={`Key “${state.created.name}” created.`} secret={state.created.secret} />
          ) : canCreateKeys ? (
            <form action={action} className="flex flex-wrap items-center gap-2">
              <input type="hidden" name="name" value="my first app" />
              <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
                {pending ? "Creating…" : "Create an API key"}
              </button>
              <span className="text-xs text-zinc-500">or use one from Settings → API keys.</span>
              {state.errors?.form ? (
                <span role="alert" className="text-xs text-red-600">
                  {state.errors.form}
                </span>
              ) : null}
            </form>
          ) : (
            <p className="text-zinc-500">Viewers cannot create keys: ask an owner or admin for one, and put it where the snippet says $TOLLGATE_API_KEY.</p>
          )}
        </li>
        <li className="space-y-2">
          <p className="font-medium">2. Send a request</p>
          <div className="flex flex-wrap items-center gap-2" role="tablist" aria-label="Language">
            {LANGUAGES.map((l) => (
              <button
                key={l}
                type="button"
                role="tab"
                aria-selected={l === language}
                onClick={() => setLanguage(l)}
                className={`rounded-md px-2.5 py-1 text-xs font-medium ${l === language ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "border border-zinc-300 dark:border-zinc-700"}`}
              >
                {l}
              </button>
            ))}
            <span className="ml-auto">
              <CopyButton label={`Copy ${language}`} text={code} />
            </span>
          </div>
          <pre role="tabpanel" aria-label={`${language} snippet`} className="overflow-x-auto rounded-md bg-zinc-950 p-4 text-xs text-zinc-100">
            {code}
          </pre>
        </li>
        <li>
          <p className="flex items-center gap-2 font-medium">
            3. Watch it arrive
            <span className="inline-block h-2 w-2 animate-pulse rounded-full bg-emerald-500" aria-hidden="true" />
            <span className="font-normal text-zinc-500">waiting for the first request…</span>
          </p>
        </li>
      </ol>
    </section>
  );
}
