// POST /anthropic/v1/log – Helicone's async logging, served by the gateway core (lib/gateway/stages/async-log.ts); `npm start` answers this path before Next.
import { gatewayRoutes } from "@/lib/gateway/route-handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = gatewayRoutes("/anthropic/v1/log");
