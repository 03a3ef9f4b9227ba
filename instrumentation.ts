// Runs once when Next's server starts. Under plain `next start` (not `npm start`, whose
// server.ts does this itself) it flushes the request log on SIGTERM/SIGINT. Next exits on
// those signals by itself; set NEXT_MANUAL_SIG_HANDLE=1 so it waits for the flush.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.TOLLGATE_CUSTOM_SERVER) return;
  const { runningGateway } = await import("./lib/gateway/runtime");
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void (async () => {
        await runningGateway()?.close();
        if (process.env.NEXT_MANUAL_SIG_HANDLE) process.exit(0);
      })();
    });
  }
}
