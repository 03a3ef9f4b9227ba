// Stage: what the caller tells us about the call in Helicone's headers: custom properties, the
// user, the session, which bodies not to store, and its own request id. Runs right after auth,
// so even a call with a broken body is logged with its properties; a bad header is a logged 400.
import type { GatewayContext } from "../context";
import { badRequest } from "../errors";
import { header } from "../http";

export const PROPERTY_PREFIX = "helicone-property-";
export const PROPERTY_LIMITS = { count: 50, nameLength: 64, valueLength: 1000 } as const;

/** Helicone-Request-Id: printable ASCII, like any id a tracing system makes. */
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/**
 * Node reads header bytes as Latin-1; a value a client sent as UTF-8 ("café") is re-read as
 * UTF-8 when it decodes cleanly, so it is stored the way it was written.
 */
function headerText(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value)) return value;
  const decoded = Buffer.from(value, "latin1").toString("utf8");
  return decoded.includes("\ufffd") ? value : decoded;
}

function readProperties(ctx: GatewayContext): { key: string; value: string }[] {
  const properties: { key: string; value: string }[] = [];
  for (const [name, raw] of Object.entries(ctx.req.headers)) {
    if (!name.startsWith(PROPERTY_PREFIX) || raw === undefined) continue;
    const key = name.slice(PROPERTY_PREFIX.length);
    const value = headerText(Array.isArray(raw) ? raw.join(", ") : raw);
    if (!key) throw badRequest("A Helicone-Property- header needs a name after the prefix.", name, "invalid_property");
    if (key.length > PROPERTY_LIMITS.nameLength) {
      throw badRequest(`Property name "${key.slice(0, 20)}…" is ${key.length} characters; the limit is ${PROPERTY_LIMITS.nameLength}.`, name, "invalid_property");
    }
    if (value.length > PROPERTY_LIMITS.valueLength) {
      throw badRequest(`Property "${key}" has a ${value.length}-character value; the limit is ${PROPERTY_LIMITS.valueLength}.`, name, "invalid_property");
    }
    properties.push({ key, value });
  }
  if (properties.length > PROPERTY_LIMITS.count) {
    throw badRequest(`${properties.length} Helicone-Property- headers; the limit is ${PROPERTY_LIMITS.count}.`, null, "invalid_property");
  }
  return properties;
}

const isTrue = (value: string | undefined) => value?.trim().toLowerCase() === "true";

/** Optional text header, trimmed; empty counts as absent. */
const text = (ctx: GatewayContext, name: string) => {
  const value = header(ctx.req, name)?.trim();
  return value ? headerText(value) : undefined;
};

export function annotateRequest(ctx: GatewayContext): void {
  const requestId = header(ctx.req, "helicone-request-id")?.trim();
  if (requestId) {
    // Kept beside the row's own id, never as it: a reused id must not collide with another
    // call's row, nor share its rate-limit slot.
    if (!REQUEST_ID.test(requestId)) throw badRequest("Helicone-Request-Id must be 1 to 128 printable ASCII characters without spaces.", "helicone-request-id", "invalid_request_id");
    ctx.clientRequestId = requestId;
  }
  ctx.properties = readProperties(ctx);
  // The user, first found wins: Helicone-User-Id, then a UserId property (the seed tags users
  // that way); the body's `user` field comes last, once parsed (stages/parse.ts).
  const propertyUser = ctx.properties.find((p) => p.key === "userid" || p.key === "user-id")?.value;
  ctx.userId = text(ctx, "helicone-user-id") ?? propertyUser;
  ctx.session = { id: text(ctx, "helicone-session-id"), path: text(ctx, "helicone-session-path"), name: text(ctx, "helicone-session-name") };
  ctx.omitRequestBody = isTrue(header(ctx.req, "helicone-omit-request"));
  ctx.omitResponseBody = isTrue(header(ctx.req, "helicone-omit-response"));
}
