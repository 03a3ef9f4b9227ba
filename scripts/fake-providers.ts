// `npm run fake-providers -- --port 4010`: the fake OpenAI + Anthropic server on its own.
import { parseArgs } from "node:util";
import { startFakeProviders } from "../tests/support/fake-providers/server";

const { values } = parseArgs({ options: { port: { type: "string", default: "4010" }, host: { type: "string", default: "127.0.0.1" } } });
startFakeProviders({ port: Number(values.port), host: values.host }).then((fake) => {
  console.log(`fake providers listening on ${fake.url} (OpenAI: ${fake.url}/v1, Anthropic: ${fake.url})`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => fake.close().then(() => process.exit(0)));
});
