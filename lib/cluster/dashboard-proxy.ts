// Gateway-only workers hand dashboard paths to the worker that runs Next, over a Unix socket
// only this user can open. The caller has already appended the peer to X-Forwarded-For.
import { Agent, type IncomingMessage, type ServerResponse, request } from "node:http";

/** Hop-by-hop headers: they describe one connection, not the response. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"]);

function endToEnd(raw: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!HOP_BY_HOP.has(raw[i]!.toLowerCase())) kept.push(raw[i]!, raw[i + 1]!);
  return kept;
}

export function proxyToDashboard(socketPath: string) {
  const agent = new Agent({ keepAlive: true });
  return (req: IncomingMessage, res: ServerResponse) => {
    const headers = { ...req.headers };
    for (const name of HOP_BY_HOP) delete headers[name];
    const upstream = request({ socketPath, agent, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.rawHeaders));
      answer.pipe(res);
      answer.on("error", () => res.destroy());
    });
    upstream.on("error", () => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "1" }).end("The dashboard is restarting; try again in a moment.\n");
    });
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy(); // the client left: stop the page it asked for
    });
    req.pipe(upstream);
  };
}
