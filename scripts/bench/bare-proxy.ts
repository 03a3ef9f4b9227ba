// The baseline: the least a Node proxy can do (node:http in, undici.Pool out, bodies piped).
// Tollgate's fast path is measured against this in the same run.
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { Pool } from "undici";

const { values } = parseArgs({ options: { port: { type: "string" }, upstream: { type: "string" } } });
const pool = new Pool(values.upstream!, { connections: 256 });

createServer(async (req, res) => {
  try {
    const upstream = await pool.request({
      path: req.url ?? "/",
      method: (req.method ?? "GET") as "POST",
      headers: { "content-type": req.headers["content-type"] ?? "application/json", authorization: req.headers.authorization ?? "" },
      body: req.method === "GET" ? undefined : req,
    });
    res.writeHead(upstream.statusCode, { "content-type": String(upstream.headers["content-type"] ?? "application/json") });
    for await (const chunk of upstream.body) res.write(chunk);
    res.end();
  } catch {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  }
}).listen(Number(values.port), "127.0.0.1", () => console.log("bare proxy ready"));
