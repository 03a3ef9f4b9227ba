// Any other path under /v1 (under `next start` and `next dev`; `npm start` answers it before
// Next): the parts of OpenAI's API passed through as they are (moderations, images, audio, files,
// batches) go to the gateway; anything else is a JSON 404 in OpenAI's error shape.
import { matchEndpoint } from "@/lib/gateway/endpoints";
import { errorBody } from "@/lib/gateway/errors";
import { unknownEndpoint } from "@/lib/gateway/protocol-errors";
import { gatewayRoutes } from "@/lib/gateway/route-handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handle = (request: Request) => {
  const url = new URL(request.url);
  const endpoint = matchEndpoint(url.pathname);
  if (endpoint?.kind === "passthrough") return gatewayRoutes(url.pathname).POST(request);
  const error = unknownEndpoint(url.pathname);
  return Response.json(errorBody(error, false), { status: error.status });
};

export const GET = handle;
export const HEAD = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
export const OPTIONS = handle;
