// Any other path under /v1: a JSON 404 in OpenAI's error shape (under `next start` and `next
// dev`; `npm start` answers it before Next).
import { unknownEndpoint } from "@/lib/gateway/protocol-errors";
import { errorBody } from "@/lib/gateway/errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFound = (request: Request) => {
  const error = unknownEndpoint(new URL(request.url).pathname);
  return Response.json(errorBody(error, false), { status: error.status });
};

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
