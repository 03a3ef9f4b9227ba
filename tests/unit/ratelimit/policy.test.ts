import { describe, expect, it } from "vitest";
import { parsePolicy } from "@/lib/ratelimit/policy";

describe("Helicone-RateLimit-Policy", () => {
  it.each([
    ["10;w=60", { quota: 10, windowSeconds: 60, unit: "requests", segment: { kind: "workspace" } }],
    ["1000;w=3600;u=request", { quota: 1000, unit: "requests" }],
    ["500;w=86400;u=cents;s=user", { unit: "cents", segment: { kind: "user" } }],
    ["5; w=60; s=Workflow", { segment: { kind: "property", name: "workflow" } }],
  ])("reads %s", (raw, expected) => {
    expect(parsePolicy(raw)).toMatchObject(expected);
  });

  it.each([
    ["", "positive whole quota"],
    ["0;w=60", "positive whole quota"],
    ["10", "needs a window"],
    ["10;w=59", "window must be 60 to 31536000"],
    ["10;w=31536001", "window must be 60"],
    ["10;w=60;u=tokens", 'unit must be "request" or "cents"'],
    ["10;w=60;x=1", 'unknown part "x=1"'],
  ])("refuses %j with a reason", (raw, reason) => {
    expect(() => parsePolicy(raw)).toThrow(reason);
  });
});
