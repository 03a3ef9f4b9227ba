// The production server (`npm start`): gateway paths go straight to the gateway core on Node
// streams; everything else goes to Next. Measured: Next's router in front of the proxy costs
// ~25x the throughput, so the hot path never enters it.
import { createServer } from "node:http";
import next from "next";
import { appendPeerAddress } from "./lib/auth/client-address";
import { serveGatewayPath } from "./lib/gateway/node-handler";
import { gateway } from "./lib/gateway/runtime";
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

  const server = createServer((req, res) => {
    if (serveGatewayPath(gw, req, res)) return;
    appendPeerAddress(req); // so sign-in limits see the real peer, not a client-chosen header
    void handleNext(req, res);
  });
  server.keepAliveTimeout = 65_000; // above common load-balancer idle timeouts
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  console.log(`Tollgate ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing open requests and flushing the request log…`);
    server.close();
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    force.unref();
    await Promise.all([gw.close(), jobs.stop()]);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  return server;
}
