import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxies } from "@/lib/auth/client-address";

describe("the client address for sign-in limits", () => {
  it("takes the peer npm start appended, whatever the client wrote before it", () => {
    expect(clientAddress("10.0.0.7", 0)).toBe("10.0.0.7");
    expect(clientAddress("1.2.3.4, 5.6.7.8, 10.0.0.7", 0)).toBe("10.0.0.7");
  });

  it("behind N trusted proxies, takes the client as the outermost proxy saw it", () => {
    // client (spoofed 1.2.3.4) → proxy (appends 203.0.113.9) → npm start (appends the proxy, 10.0.0.2)
    expect(clientAddress("1.2.3.4, 203.0.113.9, 10.0.0.2", 1)).toBe("203.0.113.9");
    expect(clientAddress(["1.2.3.4, 203.0.113.9", "198.51.100.1, 10.0.0.2"], 2)).toBe("203.0.113.9");
    // More hops configured than the chain holds: the first entry, never nothing.
    expect(clientAddress("10.0.0.2", 3)).toBe("10.0.0.2");
  });

  it("has no address without the header, and reads the setting", () => {
    expect(clientAddress(undefined, 0)).toBeUndefined();
    expect(clientAddress(" , ", 0)).toBeUndefined();
    expect(trustedProxies({})).toBe(0);
    expect(trustedProxies({ TOLLGATE_TRUSTED_PROXIES: "2" })).toBe(2);
    expect(trustedProxies({ TOLLGATE_TRUSTED_PROXIES: "-1" })).toBe(0);
    expect(trustedProxies({ TOLLGATE_TRUSTED_PROXIES: "lots" })).toBe(0);
  });
});
