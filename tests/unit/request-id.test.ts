import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createdAtOfId, newRequestId } from "@/lib/request-id";

describe("request ids", () => {
  it("carry the call's time to the millisecond, and sort by it", () => {
    const at = new Date("2026-12-02T13:45:14.585Z");
    const id = newRequestId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(createdAtOfId(id)).toEqual(at);
    expect(newRequestId(at)).not.toBe(id);
    expect(newRequestId(new Date(at.getTime() + 1)) > id).toBe(true);
  });

  it("say nothing of the time for ids made otherwise", () => {
    expect(createdAtOfId(randomUUID())).toBeNull(); // rows logged before, or reported calls
    expect(createdAtOfId("4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7")).toBeNull(); // an OpenTelemetry span's row
    expect(createdAtOfId("not-an-id")).toBeNull();
  });
});
