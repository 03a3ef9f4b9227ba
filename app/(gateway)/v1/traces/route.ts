// POST /v1/traces – OpenTelemetry ingest (OTLP/HTTP), served by the gateway core (lib/gateway/stages/traces.ts); `npm start` answers this path before Next.
import { gatewayRoutes } from "@/lib/gateway/route-handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = gatewayRoutes("/v1/traces");
