// OTLP/HTTP trace exports, protobuf or JSON, read into one plain span shape. Protobuf is decoded
// with the message types @opentelemetry/otlp-transformer generates from the official .proto
// files; both encodings then go through the same checks, as OTLP's JSON mapping mirrors them.
import otlpRoot from "@opentelemetry/otlp-transformer/build/src/generated/root.js";
import { z } from "zod";

/** An attribute value: OTLP's AnyValue without its wrapper. */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };
export type Attributes = Record<string, AttributeValue>;

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startNs: bigint;
  endNs: bigint;
  /** 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage?: string;
  attributes: Attributes;
  events: { name: string; timeNs: bigint; attributes: Attributes }[];
  /** The resource's attributes (service.name and the like). */
  resource: Attributes;
}

export class OtlpDecodeError extends Error {}

interface ProtobufType {
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: Record<string, unknown>): unknown;
}

// The generated root is typed as a bare protobufjs Root; the path below is the official schema's.
const exportRequest = (otlpRoot as unknown as { opentelemetry: { proto: { collector: { trace: { v1: { ExportTraceServiceRequest: ProtobufType } } } } } })
  .opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

const nanos = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative()]).transform((v) => BigInt(v));
const keyValues = z.array(z.object({ key: z.string(), value: z.unknown().optional() })).default([]);
const STATUS_NAMES: Record<string, number> = { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 };

const spanSchema = z.object({
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().optional(),
  name: z.string().default(""),
  startTimeUnixNano: nanos,
  endTimeUnixNano: nanos,
  attributes: keyValues,
  events: z.array(z.object({ name: z.string().default(""), timeUnixNano: nanos.optional(), attributes: keyValues })).default([]),
  status: z
    .object({ code: z.union([z.number().int(), z.string()]).optional(), message: z.string().optional() })
    .default({}),
});

const exportSchema = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.object({ attributes: keyValues }).default({ attributes: [] }),
        scopeSpans: z.array(z.object({ spans: z.array(spanSchema).default([]) })).default([]),
      }),
    )
    .default([]),
});

const MAX_VALUE_DEPTH = 32;

/** OTLP's AnyValue ({stringValue: …}, {arrayValue: {values}}, …) as a plain value. */
function plainValue(value: unknown, depth = 0): AttributeValue {
  if (!value || typeof value !== "object" || depth > MAX_VALUE_DEPTH) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.stringValue === "string") return v.stringValue;
  if (typeof v.boolValue === "boolean") return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return Number(v.doubleValue);
  if (typeof v.bytesValue === "string") return v.bytesValue;
  if (v.arrayValue && typeof v.arrayValue === "object") {
    const values = (v.arrayValue as { values?: unknown[] }).values;
    return Array.isArray(values) ? values.map((item) => plainValue(item, depth + 1)) : [];
  }
  if (v.kvlistValue && typeof v.kvlistValue === "object") {
    const values = (v.kvlistValue as { values?: unknown[] }).values;
    return Array.isArray(values) ? attributesOf(values as { key: string; value?: unknown }[], depth + 1) : {};
  }
  return null;
}

function attributesOf(list: { key: string; value?: unknown }[], depth = 0): Attributes {
  const out: Attributes = {};
  for (const { key, value } of list) out[key] = plainValue(value, depth);
  return out;
}

/** Span and trace ids: hex in OTLP/JSON; base64 as protobufjs renders bytes (and as some exporters send). */
function hexId(id: string, bytes: number): string {
  if (id.length === bytes * 2 && /^[0-9a-f]+$/i.test(id)) return id.toLowerCase();
  const decoded = Buffer.from(id, "base64");
  if (decoded.length === bytes) return decoded.toString("hex");
  throw new OtlpDecodeError(`"${id.slice(0, 64)}" is not a ${bytes}-byte span or trace id.`);
}

const statusCode = (code: number | string | undefined) => (typeof code === "string" ? (STATUS_NAMES[code] ?? 0) : (code ?? 0));

function spansOf(body: unknown): OtlpSpan[] {
  const parsed = exportSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OtlpDecodeError(`Invalid trace export: ${issue.path.join(".") || "body"}: ${issue.message}.`);
  }
  const spans: OtlpSpan[] = [];
  for (const { resource, scopeSpans } of parsed.data.resourceSpans) {
    const resourceAttributes = attributesOf(resource.attributes);
    for (const scope of scopeSpans) {
      for (const s of scope.spans) {
        spans.push({
          traceId: hexId(s.traceId, 16),
          spanId: hexId(s.spanId, 8),
          parentSpanId: s.parentSpanId ? hexId(s.parentSpanId, 8) : undefined,
          name: s.name,
          startNs: s.startTimeUnixNano,
          endNs: s.endTimeUnixNano,
          statusCode: statusCode(s.status.code),
          statusMessage: s.status.message || undefined,
          attributes: attributesOf(s.attributes),
          events: s.events.map((e) => ({ name: e.name, timeNs: e.timeUnixNano ?? s.startTimeUnixNano, attributes: attributesOf(e.attributes) })),
          resource: resourceAttributes,
        });
      }
    }
  }
  return spans;
}

/** The spans of an OTLP/HTTP protobuf body. */
export function spansFromProtobuf(body: Uint8Array): OtlpSpan[] {
  const type = exportRequest;
  let object: unknown;
  try {
    object = type.toObject(type.decode(body), { longs: String, enums: Number, bytes: String, defaults: false });
  } catch (error) {
    throw new OtlpDecodeError(`The body is not an OTLP ExportTraceServiceRequest: ${(error as Error).message}.`);
  }
  return spansOf(object);
}

/** The spans of an OTLP/HTTP JSON body, already parsed. */
export function spansFromJson(body: unknown): OtlpSpan[] {
  return spansOf(body);
}
