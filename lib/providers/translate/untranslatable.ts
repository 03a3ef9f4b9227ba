// A request one wire format can carry and another cannot: the gateway answers it as a 400 naming
// the parameter (errors.ts), so translators need not know how errors are sent.
export class UntranslatableRequest extends Error {
  constructor(
    message: string,
    readonly param: string | null,
    readonly code: "invalid_value" | "unsupported_value",
  ) {
    super(message);
  }
}

export const untranslatable = (message: string, param: string | null, code: "invalid_value" | "unsupported_value" = "unsupported_value") => new UntranslatableRequest(message, param, code);
