// Shutdown without losing a row: calls under way finish (up to a grace period) and their rows
// are written before the process exits. server.ts does this for `npm start`; under plain
// `next start`, Next exits on SIGTERM/SIGINT by itself unless NEXT_MANUAL_SIG_HANDLE=1 leaves the
// exit to us, after the calls under way end and the log is flushed. Next cannot be told to stop
// accepting, so there the grace period ends early only when no call is under way.
import { runningGateway } from "./runtime";

/** How long a shutdown waits for calls and streams under way (TOLLGATE_SHUTDOWN_GRACE_MS). */
export function shutdownGraceMs(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.TOLLGATE_SHUTDOWN_GRACE_MS);
  return Number.isFinite(value) && value >= 0 ? value : 30_000;
}

export function closeGatewayOnSignal() {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void (async () => {
        console.log(`${signal}: finishing calls under way and flushing the request log…`);
        // Next keeps accepting until the process exits, so the gateway keeps answering: calls
        // that end after the flush have their rows written to disk for the next start.
        await runningGateway()?.flush(shutdownGraceMs());
        if (process.env.NEXT_MANUAL_SIG_HANDLE) process.exit(0);
      })();
    });
  }
}
