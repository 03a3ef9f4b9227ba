import { afterEach, describe, expect, it, vi } from "vitest";
import { WorkspaceCache } from "@/lib/gateway/workspace-cache";

/** A loader that answers when told, counting its calls per workspace. */
function controlledLoader() {
  const calls: string[] = [];
  let answer: (value: string) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const load = (workspaceId: string) => {
    calls.push(workspaceId);
    return new Promise<string>((resolve, reject) => {
      answer = resolve;
      fail = reject;
    });
  };
  return { load, calls, answer: (v: string) => answer(v), fail: (e: Error) => fail(e) };
}

describe("WorkspaceCache", () => {
  afterEach(() => vi.useRealTimers());

  it("loads once for all the calls that arrive while a workspace's value loads", async () => {
    const loader = controlledLoader();
    const cache = new WorkspaceCache(loader.load, 1000);
    const waiting = Array.from({ length: 50 }, () => cache.get("ws"));
    loader.answer("v1");
    expect(await Promise.all(waiting)).toEqual(Array(50).fill("v1"));
    expect(loader.calls).toEqual(["ws"]);
    expect(await cache.get("ws")).toBe("v1");
    expect(loader.calls).toHaveLength(1);
  });

  it("reloads after its TTL, and keeps the last value while the database fails", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const loader = controlledLoader();
    const cache = new WorkspaceCache(loader.load, 1000);
    const first = cache.get("ws");
    loader.answer("v1");
    expect(await first).toBe("v1");

    vi.setSystemTime(Date.now() + 1001);
    const second = cache.get("ws");
    loader.answer("v2");
    expect(await second).toBe("v2");

    vi.setSystemTime(Date.now() + 1001);
    const third = cache.get("ws");
    loader.fail(new Error("database unreachable"));
    expect(await third).toBe("v2");
    expect(loader.calls).toHaveLength(3);
  });

  it("fails when the first load fails, and tries again on the next call", async () => {
    const loader = controlledLoader();
    const cache = new WorkspaceCache(loader.load, 1000);
    const first = cache.get("ws");
    loader.fail(new Error("database unreachable"));
    await expect(first).rejects.toThrow("database unreachable");
    const second = cache.get("ws");
    loader.answer("v1");
    expect(await second).toBe("v1");
  });
});
