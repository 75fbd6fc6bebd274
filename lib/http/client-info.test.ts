import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/http/client-info";

const headers = (values: Record<string, string>) => (name: string) => values[name];

describe("clientIp", () => {
  it("with no proxy in front, takes the address next start recorded (the only entry)", () => {
    expect(clientIp(headers({ "x-forwarded-for": "198.51.100.7" }), 0)).toBe("198.51.100.7");
  });

  it("behind one proxy, ignores what the client wrote and takes what the proxy appended", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    expect(clientIp(headers({ "x-forwarded-for": "1.2.3.4, 198.51.100.7" }), 1)).toBe("198.51.100.7");
    expect(clientIp(headers({ "x-forwarded-for": "1.2.3.4,198.51.100.7" }), 0)).toBe("198.51.100.7");
  });

  it("behind two proxies (a CDN, then a load balancer), takes the entry two from the right", () => {
    expect(clientIp(headers({ "x-forwarded-for": "1.2.3.4, 198.51.100.7, 203.0.113.20" }), 2)).toBe("198.51.100.7");
  });

  it("with fewer entries than proxies, falls back to the leftmost; with none, X-Real-IP or unknown", () => {
    expect(clientIp(headers({ "x-forwarded-for": "198.51.100.7" }), 3)).toBe("198.51.100.7");
    expect(clientIp(headers({ "x-real-ip": " 198.51.100.8 " }), 1)).toBe("198.51.100.8");
    expect(clientIp(headers({ "x-forwarded-for": " , " }), 1)).toBe("unknown");
    expect(clientIp(headers({}), 0)).toBe("unknown");
  });

  it("bounds what it keeps", () => {
    expect(clientIp(headers({ "x-forwarded-for": "x".repeat(500) }), 0)).toHaveLength(64);
  });
});
