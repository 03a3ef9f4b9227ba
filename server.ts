// The production server (`npm start`): gateway paths go straight to the gateway core on Node
// streams; everything else goes to Next. Measured: Next's router in front of the proxy costs
// ~25x the throughput, so the hot path never enters it.
import { createServer } from "node:http";
import next from "next";
import { appendPeerAddress } from "./lib/auth/client-address";
import { serveGatewayPath } from "./lib/gateway/node-handler";
import { answerClientError, requestLineProblem, sendGatewayError } from "./lib/gateway/protocol-errors";
import { gateway } from "./lib/gateway/runtime";
import { shutdownGraceMs } from "./lib/gateway/shutdown";
import { ensureJobs } from "./lib/jobs/scheduler";

export interface ServerOptions {
  port: number;
  hostname: string;
}

export async function startServer({ port, hostname }: ServerOptions) {
  process.env.TOLLGATE_CUSTOM_SERVER = "1"; // instrumentation.ts leaves shutdown to this file
  const app = next({ dev: false, dir: __dirname, hostname, port });
  const handleNext = app.getRequestHandler();
  await app.prepare();
  const gw = gateway();
  const jobs = ensureJobs();

  let stopping = false;
  const server = createServer((req, res) => {
    // Shutting down: answer what arrives on open connections, then close each one.
    if (stopping) res.setHeader("connection", "close");
    const problem = requestLineProblem(req);
    if (problem) return sendGatewayError(res, problem);
    if (serveGatewayPath(gw, req, res)) return;
    appendPeerAddress(req); // so sign-in limits see the real peer, not a client-chosen header
    void handleNext(req, res);
  });
  server.on("clientError", answerClientError);
  server.keepAliveTimeout = 65_000; // above common load-balancer idle timeouts
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  console.log(`Tollgate ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);

  /**
   * No new connections; requests on open ones are answered with Connection: close; calls and
   * streams under way get the grace period to finish, then are cut (and logged as cancelled);
   * only then are the upstream connections closed and the log flushed.
   */
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const graceMs = shutdownGraceMs();
    console.log(`${signal}: finishing open requests (up to ${graceMs} ms) and flushing the request log…`);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([closed, grace]);
    server.closeAllConnections();
    await gw.close(5_000);
    await jobs.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  return server;
}
