import type { NextRequest } from "next/server";

/** The client's IP (first hop of X-Forwarded-For, as set by our proxy) and user agent. */
export function clientInfo(request: NextRequest): { ip: string; userAgent: string } {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    ip: (forwarded || request.headers.get("x-real-ip") || "unknown").slice(0, 64),
    userAgent: (request.headers.get("user-agent") ?? "").slice(0, 512),
  };
}
