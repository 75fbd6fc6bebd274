import type { NextRequest } from "next/server";

/** The client's IP: first hop of X-Forwarded-For (as set by our proxy), else X-Real-IP. */
export function clientIp(header: (name: string) => string | null | undefined): string {
  const forwarded = header("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || header("x-real-ip") || "unknown").slice(0, 64);
}

/** The client's IP and user agent. */
export function clientInfo(request: NextRequest): { ip: string; userAgent: string } {
  return {
    ip: clientIp((name) => request.headers.get(name)),
    userAgent: (request.headers.get("user-agent") ?? "").slice(0, 512),
  };
}
