import { describe, expect, it } from "vitest";
import { BlockedTargetError, isPublicAddress, safePost } from "@/lib/alerts/safe-post";

describe("SSRF protection for notification targets", () => {
  it("allows public unicast addresses only", () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"]) expect(isPublicAddress(address)).toBe(true);
    const internal = ["127.0.0.1", "10.0.0.5", "172.16.3.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "224.0.0.1", "not-an-ip"];
    for (const address of internal) expect(isPublicAddress(address), address).toBe(false);
  });

  it("refuses literal private addresses and names that resolve to them, before connecting", async () => {
    await expect(safePost("http://127.0.0.1:9/hook", "{}", {}, 1000, false)).rejects.toBeInstanceOf(BlockedTargetError);
    await expect(safePost("http://[::1]:9/hook", "{}", {}, 1000, false)).rejects.toBeInstanceOf(BlockedTargetError);
    await expect(safePost("http://169.254.169.254/latest/meta-data", "{}", {}, 1000, false)).rejects.toBeInstanceOf(BlockedTargetError);
    const viaDns = await safePost("http://localhost:9/hook", "{}", {}, 1000, false).catch((e: Error & { cause?: Error }) => e.cause ?? e);
    expect(viaDns).toBeInstanceOf(BlockedTargetError);
    expect((viaDns as Error).message).toContain("TOLLGATE_ALLOW_PRIVATE_WEBHOOKS");
  });
});
