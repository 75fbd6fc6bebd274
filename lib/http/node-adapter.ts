import type { IncomingMessage, ServerResponse } from "node:http";
import type { HandlerRequest, RequestBody } from "@/lib/http/handler-request";
import { eventSourceOf, type EventSource } from "@/lib/http/event-stream";
import { jsonTextOf } from "@/lib/http/json-response";

/**
 * The custom server's side of a hot route: a node:http request as the small request type the route
 * handlers read, without building an undici Request (a fifth of the admission path's web CPU went
 * to that and its Response in Next's host). The body is read from node's stream itself (a web
 * stream over it cost a twentieth of an admission), and the signal, which only the live stream
 * reads, is made on first use; it aborts when the client goes away.
 */
export function toHandlerRequest(request: IncomingMessage, response: ServerResponse): HandlerRequest {
  let controller: AbortController | undefined;
  return {
    headers: {
      get(name) {
        const value = request.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(", ") : (value ?? null);
      },
    },
    body: nodeBody(request),
    get signal() {
      if (!controller) {
        const made = new AbortController();
        if (response.closed) made.abort();
        else response.once("close", () => made.abort());
        controller = made;
      }
      return controller.signal;
    },
  };
}

/** node's request stream as a RequestBody: each read is the next chunk, as a web stream's reader gives it. */
function nodeBody(request: IncomingMessage): RequestBody {
  return {
    getReader() {
      const chunks = request[Symbol.asyncIterator]() as AsyncIterator<Buffer, undefined>;
      return {
        read: () => chunks.next().then((chunk) => (chunk.done ? { done: true as const } : { done: false as const, value: chunk.value })),
        // Stops reading without destroying the stream: an early refusal is still sent.
        releaseLock() {},
      };
    },
  };
}

/** Writes a route handler's Response to node:http, streaming its body (SSE) as it comes. */
export async function sendResponse(response: Response, out: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  const json = jsonTextOf(response);
  if (json !== undefined) {
    headers["content-length"] = String(Buffer.byteLength(json));
    out.writeHead(response.status, headers);
    out.end(json);
    return;
  }
  out.writeHead(response.status, headers);
  const events = eventSourceOf(response);
  if (events) {
    writeEvents(events, out);
    return;
  }
  if (!response.body) {
    out.end();
    return;
  }
  const reader = response.body.getReader();
  out.once("close", () => void reader.cancel().catch(() => {}));
  for (;;) {
    const { done, value } = await reader.read();
    if (done || out.destroyed) break;
    if (!out.write(value)) await drained(out);
  }
  out.end();
}

/** What a stream may leave unsent to a client that stopped reading before it is let go (it reconnects). */
const MAX_UNSENT_BYTES = 256 * 1024;

/**
 * A Server-Sent Events stream written straight to the response: no ReadableStream, reader or
 * undici Response per stream, only the socket's own objects. Stops when the client goes away.
 */
function writeEvents(source: EventSource, out: ServerResponse): void {
  const stop = source({
    write(chunk) {
      if (out.destroyed) return;
      if (out.writableLength > MAX_UNSENT_BYTES) out.destroy();
      else out.write(chunk);
    },
  });
  if (out.destroyed) stop();
  else out.once("close", stop);
}

/** Resolves when the socket can take more, or is gone (a closed socket never drains). */
function drained(out: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off("drain", done);
      out.off("close", done);
      resolve();
    };
    out.on("drain", done);
    out.on("close", done);
  });
}
