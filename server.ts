// The production server (`npm start`): gateway paths go straight to the gateway core on Node
// streams; everything else goes to Next. Measured: Next's router in front of the proxy costs
// ~25x the throughput, so the hot path never enters it. In worker mode (lib/cluster) this runs
// in each worker: the dashboard worker also runs Next and the background jobs; the others hand
// dashboard paths to it.
import { chmodSync } from "node:fs";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import next from "next";
import { appendPeerAddress } from "./lib/auth/client-address";
import { proxyToDashboard } from "./lib/cluster/dashboard-proxy";
import { serveGatewayPath } from "./lib/gateway/node-handler";
import { answerClientError, requestLineProblem, sendGatewayError } from "./lib/gateway/protocol-errors";
import { type GatewayOptions, gateway } from "./lib/gateway/runtime";
import { shutdownGraceMs } from "./lib/gateway/shutdown";
import { ensureJobs } from "./lib/jobs/scheduler";

export interface ServerOptions {
  port: number;
  hostname: string;
  /** Worker mode: this worker's part, and where the dashboard worker listens for the others. */
  worker?: { role: "dashboard" | "gateway"; dashboardSocket: string; gateway: GatewayOptions };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function nextHandler(port: number, hostname: string): Promise<Handler> {
  const app = next({ dev: false, dir: __dirname, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  return (req, res) => void handle(req, res);
}

const listen = (server: Server, options: { port: number; host: string } | { path: string; exclusive: boolean }) =>
  new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options, () => resolve());
  });

export async function startServer({ port, hostname, worker }: ServerOptions) {
  process.env.TOLLGATE_CUSTOM_SERVER = "1"; // instrumentation.ts leaves shutdown to this file
  const servesDashboard = worker?.role !== "gateway";
  const handleOther = servesDashboard ? await nextHandler(port, hostname) : proxyToDashboard(worker!.dashboardSocket);
  const gw = gateway(worker?.gateway);
  const jobs = servesDashboard ? ensureJobs() : undefined;

  let stopping = false;
  /** `fromPeer`: the request comes from the client itself, not from another worker. */
  const handler =
    (fromPeer: boolean): Handler =>
    (req, res) => {
      // Shutting down: answer what arrives on open connections, then close each one.
      if (stopping) res.setHeader("connection", "close");
      const problem = requestLineProblem(req);
      if (problem) return sendGatewayError(res, problem);
      if (serveGatewayPath(gw, req, res)) return;
      if (fromPeer) appendPeerAddress(req); // so sign-in limits see the real peer, not a client-chosen header
      handleOther(req, res);
    };
  const serverFor = (handle: Handler) => {
    const server = createServer(handle);
    server.on("clientError", answerClientError);
    server.keepAliveTimeout = 65_000; // above common load-balancer idle timeouts
    server.headersTimeout = 66_000;
    return server;
  };
  const servers = [serverFor(handler(true))];
  await listen(servers[0]!, { port, host: hostname });
  if (worker?.role === "dashboard") {
    // Dashboard paths the other workers received; the socket is this user's alone.
    const internal = serverFor(handler(false));
    await listen(internal, { path: worker.dashboardSocket, exclusive: true });
    chmodSync(worker.dashboardSocket, 0o600);
    servers.push(internal);
  }
  if (!worker) console.log(`Tollgate ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);

  /**
   * No new connections; requests on open ones are answered with Connection: close; calls and
   * streams under way get the grace period to finish, then are cut (and logged as cancelled);
   * only then are the upstream connections closed and the log flushed.
   */
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    const graceMs = shutdownGraceMs();
    console.log(`${reason}: finishing open requests (up to ${graceMs} ms) and flushing the request log…`);
    const closed = Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    for (const server of servers) server.closeIdleConnections();
    const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([closed, grace]);
    for (const server of servers) server.closeAllConnections();
    await gw.close(5_000);
    await jobs?.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  return { server: servers[0]!, stop };
}
