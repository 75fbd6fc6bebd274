import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
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

/**
 * Node's answer to a request it cannot parse (a method it does not know, a malformed header): a
 * JSON 400 with a request id instead of Node's bare one. The connection is closed after it.
 */
export function answerUnparsableRequest(error: Error & { code?: string }, socket: Duplex): void {
  // Only as the connection's first answer (as Node's own default does): after an early refusal
  // (413/415, Connection: close) the unread rest of that body is parsed as a request and fails
  // here, and a second answer on that socket would break the client's reading of the first.
  if (!socket.writable || error.code === "ECONNRESET" || (socket as Duplex & { bytesWritten?: number }).bytesWritten) {
    socket.destroy();
    return;
  }
  const status = error.code === "HPE_HEADER_OVERFLOW" ? "431 Request Header Fields Too Large" : "400 Bad Request";
  const body = JSON.stringify({ error: { code: "bad_request", message: "The request could not be parsed as HTTP." } });
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${randomUUID()}\r\nConnection: close\r\n\r\n${body}`,
  );
}
