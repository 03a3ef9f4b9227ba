/** The empty state: how to send the first request through the gateway. */
export function GettingStarted({ baseUrl }: { baseUrl: string }) {
  const snippet = `import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "${baseUrl}/v1",
  apiKey: process.env.TOLLGATE_API_KEY, // npm run tollgate -- key create --workspace default --name my-app
});

await client.chat.completions.create({
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: "Hello from Tollgate!" }],
});`;
  return (
    <section className="rounded-lg border border-dashed border-zinc-300 bg-white p-6 dark:border-zinc-700 dark:bg-zinc-900">
      <h2 className="text-lg font-semibold">No requests yet</h2>
      <p className="mt-1 text-sm text-zinc-500">
        Point your OpenAI client at <code className="font-mono">{baseUrl}/v1</code> with a Tollgate key, and every call shows up here.
      </p>
      <pre className="mt-4 overflow-x-auto rounded-md bg-zinc-950 p-4 text-xs text-zinc-100">{snippet}</pre>
    </section>
  );
}
