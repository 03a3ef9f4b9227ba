// What every settings form shares: its posted text fields, and zod errors keyed by field so each
// shows on its own input.
import type { z } from "zod";
import { storableText } from "../db/storable-text";

export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

/** A form's text fields, trimmed, and storable in either database. */
export const valuesOf = (form: FormData): FormValues =>
  Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string").map(([k, v]) => [k, storableText(String(v)).trim()]));

/** A field as a number, or undefined when left empty (the schema says whether that is allowed). */
export const number = (value: string | undefined) => (value === undefined || value === "" ? undefined : Number(value));
export const text = (value: string | undefined) => (value ? value : undefined);
/** A field listing several values, separated by commas, semicolons or spaces. */
export const list = (value: string | undefined) => (value ?? "").split(/[\s,;]+/).filter(Boolean);

/** Form errors keyed by field name: the first message for each. */
export function fieldErrors(error: z.ZodError, fieldOf: (path: PropertyKey[]) => string): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[fieldOf(issue.path)] ??= issue.message;
  return errors;
}
