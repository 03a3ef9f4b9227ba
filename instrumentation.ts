// Runs once when Next's server starts: starts the background jobs (alerts, budget notices).
// Under plain `next start` it also starts the gateway at once, so log rows an earlier process
// left on disk are written now rather than at the first call, and flushes the request log on
// shutdown; under `npm start`, server.ts does both.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureJobs } = await import("./lib/jobs/scheduler");
  ensureJobs();
  if (process.env.TOLLGATE_CUSTOM_SERVER) return;
  const { gateway } = await import("./lib/gateway/runtime");
  gateway();
  const { closeGatewayOnSignal } = await import("./lib/gateway/shutdown");
  closeGatewayOnSignal();
}
