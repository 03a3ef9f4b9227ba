// Runs once when Next's server starts. Under plain `next start` the request log is flushed on
// shutdown from here; under `npm start`, server.ts does it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.TOLLGATE_CUSTOM_SERVER) return;
  const { flushLogOnSignal } = await import("./lib/gateway/flush-on-signal");
  flushLogOnSignal();
}
