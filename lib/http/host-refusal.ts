import type { IncomingMessage, ServerResponse } from "node:http";
import { allowedMethods, matchApiRoute } from "@/lib/http/api-routes";
import { isMalformedUrl } from "@/lib/http/malformed-url";

type Refusal = { status: number; code: string; message: string; headers?: Record<string, string> };

/** What the host answers itself, before Next: what Next would answer with a bare 500, 405 or 400. */
export function hostRefusal(method: string, target: string): Refusal | null {
  if (isMalformedUrl(target)) return { status: 400, code: "bad_request", message: "The URL is malformed (bad percent-encoding or a NUL byte)." };
  const route = matchApiRoute(target.split("?")[0]!);
  if (!route) return null;
  const allowed = allowedMethods(route);
  if ((allowed as string[]).includes(method)) return null;
  return { status: 405, code: "method_not_allowed", message: `${method} is not allowed here.`, headers: { Allow: allowed.join(", ") } };
}

/** Answers a request the host refuses (see hostRefusal) as `{error: {code, message}}`; false when Next should handle it. */
export function refuseAtHost(request: IncomingMessage, response: ServerResponse): boolean {
  const refusal = hostRefusal(request.method ?? "GET", request.url ?? "/");
  if (!refusal) return false;
  response.writeHead(refusal.status, { "Content-Type": "application/json", ...refusal.headers });
  response.end(JSON.stringify({ error: { code: refusal.code, message: refusal.message } }));
  return true;
}
