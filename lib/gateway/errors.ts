// The gateway's error catalog. Every error a client sees has OpenAI's shape
// {error:{message,type,param,code}}; on the Anthropic-native endpoint the body also carries
// Anthropic's {type:"error", error:{type,message}}, so both SDKs read it.
import { UntranslatableRequest } from "../providers/translate/untranslatable";

export type ErrorType = "invalid_request_error" | "authentication_error" | "permission_error" | "not_found_error" | "rate_limit_error" | "budget_exceeded" | "api_error" | "timeout_error";

export class GatewayError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: ErrorType = status >= 500 ? "api_error" : "invalid_request_error",
    readonly code: string | null = null,
    readonly param: string | null = null,
    /** Headers to send with the error, e.g. retry-after. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, param: string | null = null, code: string | null = null) =>
  new GatewayError(400, message, "invalid_request_error", code, param);

export const unauthorized = (message: string) => new GatewayError(401, message, "authentication_error", "invalid_api_key");

export interface ErrorBody {
  type?: "error";
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function errorBody(error: GatewayError, anthropicShape: boolean): ErrorBody {
  const inner = { message: error.message, type: error.type, param: error.param, code: error.code };
  return anthropicShape ? { type: "error", error: inner } : { error: inner };
}

/** Any thrown value as a GatewayError; unexpected ones become a 500 without internals. */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof UntranslatableRequest) return badRequest(error.message, error.param, error.code);
  return new GatewayError(500, "The gateway failed to handle this request.", "api_error", "internal_error");
}
