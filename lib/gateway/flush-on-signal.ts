// Under plain `next start`: flush the request log on SIGTERM/SIGINT. Next exits on those signals
// by itself; with NEXT_MANUAL_SIG_HANDLE=1 it leaves the exit to us, after the flush.
import { runningGateway } from "./runtime";

export function flushLogOnSignal() {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void (async () => {
        await runningGateway()?.close();
        if (process.env.NEXT_MANUAL_SIG_HANDLE) process.exit(0);
      })();
    });
  }
}
