// A log row as one line of JSON and back: for the spill files and the dead-letter table.
// JSON has no Date or bigint, so those two travel as an ISO string and a decimal string.
import type { RequestLogRow } from "./request-log";

type EncodedRow = Omit<RequestLogRow, "createdAt" | "costNanoUsd" | "costSavedNanoUsd"> & {
  createdAt: string;
  costNanoUsd: string | null;
  costSavedNanoUsd: string | null;
};

const bigintText = (value: bigint | null) => (value === null ? null : value.toString());
const bigintOf = (value: string | null) => (value === null ? null : BigInt(value));

export function encodeRow(row: RequestLogRow): string {
  const encoded: EncodedRow = { ...row, createdAt: row.createdAt.toISOString(), costNanoUsd: bigintText(row.costNanoUsd), costSavedNanoUsd: bigintText(row.costSavedNanoUsd) };
  return JSON.stringify(encoded);
}

export function decodeRow(text: string): RequestLogRow {
  const encoded = JSON.parse(text) as EncodedRow;
  return {
    ...encoded,
    // Rows spilled by an older version lack the newer columns.
    clientRequestId: encoded.clientRequestId ?? null,
    clippedValues: encoded.clippedValues ?? null,
    createdAt: new Date(encoded.createdAt),
    costNanoUsd: bigintOf(encoded.costNanoUsd),
    costSavedNanoUsd: bigintOf(encoded.costSavedNanoUsd),
  };
}
