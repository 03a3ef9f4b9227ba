// POST /v1/chat/completions – served by the gateway core (lib/gateway); `npm start` answers this path before Next.
import { gatewayRoutes } from "@/lib/gateway/route-handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = gatewayRoutes("/v1/chat/completions");
