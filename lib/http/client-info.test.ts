import { describe, expect, it } from "vitest";
import { clientIp, forwardedFor } from "@/lib/http/client-info";

const headers = (values: Record<string, string>) => (name: string) => values[name];
/** What the route sees after the server appended the socket's address. */
const received = (sent: string | undefined, socket: string) => headers({ "x-forwarded-for": forwardedFor(sent, socket) });

describe("clientIp", () => {
  it("with no proxy in front, takes the socket's address and ignores a header the client sent", () => {
    expect(clientIp(received(undefined, "198.51.100.7"), 0)).toBe("198.51.100.7");
    expect(clientIp(received("1.2.3.4", "198.51.100.7"), 0)).toBe("198.51.100.7");
  });

  it("behind one proxy, ignores what the client wrote and takes what the proxy appended", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy (10.0.0.2) appended the address it saw.
    expect(clientIp(received("1.2.3.4, 198.51.100.7", "10.0.0.2"), 1)).toBe("198.51.100.7");
    expect(clientIp(received("1.2.3.4,198.51.100.7", "10.0.0.2"), 0)).toBe("10.0.0.2");
  });

  it("behind two proxies (a CDN, then a load balancer), takes the entry two from the right", () => {
    expect(clientIp(received("1.2.3.4, 198.51.100.7, 203.0.113.20", "10.0.0.2"), 2)).toBe("198.51.100.7");
  });

  it("with fewer entries than proxies, falls back to the leftmost; with none, X-Real-IP or unknown", () => {
    expect(clientIp(received(undefined, "198.51.100.7"), 3)).toBe("198.51.100.7");
    expect(clientIp(headers({ "x-real-ip": " 198.51.100.8 " }), 1)).toBe("198.51.100.8");
    expect(clientIp(headers({ "x-forwarded-for": " , " }), 1)).toBe("unknown");
    expect(clientIp(headers({}), 0)).toBe("unknown");
  });

  it("keeps repeated headers in order and bounds what it keeps", () => {
    expect(forwardedFor(["1.2.3.4", "5.6.7.8"], "10.0.0.2")).toBe("1.2.3.4, 5.6.7.8, 10.0.0.2");
    expect(clientIp(headers({ "x-forwarded-for": "x".repeat(500) }), 0)).toHaveLength(64);
  });
});
