// Runs once when Next's server starts: starts the background jobs (alerts, budget notices).
// Under plain `next start` the request log is flushed on shutdown from here; under `npm start`,
// server.ts does it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureJobs } = await import("./lib/jobs/scheduler");
  ensureJobs();
  if (process.env.TOLLGATE_CUSTOM_SERVER) return;
  const { closeGatewayOnSignal } = await import("./lib/gateway/shutdown");
  closeGatewayOnSignal();
}
