// JSON answers of the dashboard API (/api/v1/*): {error:{code,message}} on failure.
import { z } from "zod";
import { storableText } from "../db/storable-text";

export const ERROR_STATUS = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_query: 400,
  invalid_body: 400,
  payload_too_large: 413,
} as const;

export type ApiErrorCode = keyof typeof ERROR_STATUS;

export function apiError(code: ApiErrorCode, message: string, details?: unknown) {
  return Response.json({ error: { code, message, ...(details ? { details } : {}) } }, { status: ERROR_STATUS[code] });
}

export const unauthorized = () => apiError("unauthorized", "Send a Tollgate API key as 'Authorization: Bearer tg_…', or sign in.");

export function invalidQuery(error: z.ZodError) {
  const details = error.issues.map((i) => ({ param: i.path.join("."), message: i.message }));
  return apiError("invalid_query", details.map((d) => `${d.param}: ${d.message}`).join("; "), details);
}

/** A body that failed validation: one message per field, keyed by its path (`channels.webhookUrl`). */
export function invalidBody(error: z.ZodError) {
  const details = error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
  return apiError("invalid_body", details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join("; "), details);
}

const MAX_SETTINGS_BODY_BYTES = 64 * 1024;

/** The JSON body of a settings request, or the error Response to return. */
export async function readJsonBody(request: Request): Promise<unknown | Response> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_SETTINGS_BODY_BYTES) return apiError("payload_too_large", `The body is limited to ${MAX_SETTINGS_BODY_BYTES / 1024} KB.`);
  try {
    return JSON.parse(text, (_key, value: unknown) => (typeof value === "string" ? storableText(value) : value));
  } catch {
    return apiError("invalid_body", "The body must be JSON.");
  }
}

/** JSON with bigint values as numbers (costs are exact to 1e-9 as decimals). */
export function json(body: unknown, init?: ResponseInit) {
  return new Response(JSON.stringify(body, (_k, v) => (typeof v === "bigint" ? Number(v) : v)), {
    ...init,
    headers: { "content-type": "application/json", ...(init?.headers ?? {}) },
  });
}
