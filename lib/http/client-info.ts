import type { NextRequest } from "next/server";
import { env } from "@/lib/config/env";

/**
 * The client's IP, from X-Forwarded-For. Each proxy appends the address it was connected from, and
 * `next start` adds the socket's address when the header is absent, so the entry TRUSTED_PROXIES
 * from the right (the last one with 0 or 1) is the first address a party we trust saw. Entries
 * left of it were written by the client and prove nothing.
 */
export function clientIp(header: (name: string) => string | null | undefined, trustedProxies = env().TRUSTED_PROXIES): string {
  const hops = (header("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const ip = hops.length > 0 ? hops[Math.max(0, hops.length - Math.max(1, trustedProxies))] : header("x-real-ip")?.trim();
  return (ip || "unknown").slice(0, 64);
}

/** The client's IP and user agent. */
export function clientInfo(request: NextRequest): { ip: string; userAgent: string } {
  return {
    ip: clientIp((name) => request.headers.get(name)),
    userAgent: (request.headers.get("user-agent") ?? "").slice(0, 512),
  };
}
