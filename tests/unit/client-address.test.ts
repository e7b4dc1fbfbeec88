import { describe, expect, it } from "vitest";
import { limitedUnit, normalizeAddress, parseTrustedProxies, pickClientAddress } from "@/app/_lib/client-address";

// The chain as the server sees it: what the client (and any proxies) wrote, then the socket's address.
const chain = (header: string) => header.split(",");

describe("the client's address", () => {
  it("by default is the connection's, whatever the client wrote before it", () => {
    const trust = parseTrustedProxies(undefined);
    expect(pickClientAddress(chain("198.51.100.1, 10.0.0.1, 203.0.113.9"), trust)).toBe("203.0.113.9");
    expect(pickClientAddress(chain("203.0.113.9"), trust)).toBe("203.0.113.9");
    expect(pickClientAddress(chain("::ffff:127.0.0.1"), trust)).toBe("127.0.0.1");
    expect(pickClientAddress(chain(""), trust)).toBe("unknown");
  });

  it("behind N proxies is the entry N places before the connection's", () => {
    const trust = parseTrustedProxies("1");
    expect(pickClientAddress(chain("forged, 198.51.100.7, 10.0.0.2"), trust)).toBe("198.51.100.7");
    expect(pickClientAddress(chain("10.0.0.2"), trust)).toBe("10.0.0.2");
  });

  it("with a list of proxies is the last address not in the list, so entries written before the client's own are ignored", () => {
    const trust = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, ::1");
    expect(pickClientAddress(chain("1.2.3.4, 198.51.100.7, 10.1.2.3, 127.0.0.1"), trust)).toBe("198.51.100.7");
    // A client that connects directly is its own address, whatever it claims.
    expect(pickClientAddress(chain("192.0.2.77, 203.0.113.5"), trust)).toBe("203.0.113.5");
    expect(pickClientAddress(chain("10.0.0.5, 127.0.0.1"), trust)).toBe("10.0.0.5");
  });

  it("counts an IPv6 client by its /64 network, which one host can fill with addresses", () => {
    expect(limitedUnit("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(limitedUnit("2001:0db8:0001:0002:ffff:0:0:1e")).toBe("2001:db8:1:2::/64");
    expect(limitedUnit("2001:db8::")).toBe("2001:db8:0:0::/64");
    expect(limitedUnit("::1")).toBe("0:0:0:0::/64");
    expect(limitedUnit("198.51.100.7")).toBe("198.51.100.7");
  });

  it("refuses a setting that names no address", () => {
    expect(() => parseTrustedProxies("localhost")).toThrow(/TRUSTED_PROXIES/);
    expect(normalizeAddress(" [::1] ")).toBe("::1");
  });
});
