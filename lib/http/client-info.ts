import { env } from "@/lib/config/env";

/**
 * X-Forwarded-For as our host passes it on: what came in, with the socket's address appended, as
 * every proxy does. The server (server.ts) calls it for every request, so the rightmost entry is
 * always the address the connection really came from, whatever the client wrote.
 */
export function forwardedFor(received: string | string[] | undefined, socketAddress: string | undefined): string {
  const address = socketAddress ?? "unknown";
  const before = Array.isArray(received) ? received.join(", ") : received;
  return before ? `${before}, ${address}` : address;
}

/**
 * The client's IP, from X-Forwarded-For as `forwardedFor` left it: TRUSTED_PROXIES is how many
 * proxies stand in front of the server. Each appends the address it was connected from and the
 * server appends the socket's, so the entry TRUSTED_PROXIES from the right (0: the socket) is the
 * first address a party we trust saw. Entries left of it were written by the client and prove
 * nothing: without a proxy, a client-sent header is ignored.
 */
export function clientIp(header: (name: string) => string | null | undefined, trustedProxies = env().TRUSTED_PROXIES): string {
  const hops = (header("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const ip = hops.length > 0 ? hops[Math.max(0, hops.length - 1 - trustedProxies)] : header("x-real-ip")?.trim();
  return (ip || "unknown").slice(0, 64);
}

/** The client's IP and user agent. */
export function clientInfo(request: { headers: { get(name: string): string | null } }): { ip: string; userAgent: string } {
  return {
    ip: clientIp((name) => request.headers.get(name)),
    userAgent: (request.headers.get("user-agent") ?? "").slice(0, 512),
  };
}
