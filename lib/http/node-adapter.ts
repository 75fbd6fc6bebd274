import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { eventSourceOf, type EventSource } from "@/lib/http/event-stream";
import type { HandlerRequest } from "@/lib/http/handler-request";

/**
 * The custom server's side of a hot route: a node:http request as the small request type the route
 * handlers read, without building an undici Request (a fifth of the admission path's web CPU went
 * to that and its Response in Next's host). The signal aborts when the client goes away.
 */
export function toHandlerRequest(request: IncomingMessage, response: ServerResponse): HandlerRequest {
  let controller: AbortController | undefined;
  let body: ReadableStream<Uint8Array> | undefined;
  return {
    headers: {
      get(name) {
        const value = request.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(", ") : (value ?? null);
      },
    },
    // Made on first read: most hot requests (status, events, frontier) have no body to read.
    get body() {
      body ??= Readable.toWeb(request) as ReadableStream<Uint8Array>;
      return body;
    },
    // Made on first read too: an event stream served here ends with its response, not a signal.
    get signal() {
      if (!controller) {
        const aborter = new AbortController();
        if (response.closed) aborter.abort();
        else response.once("close", () => aborter.abort());
        controller = aborter;
      }
      return controller.signal;
    },
  };
}

/** Writes a route handler's Response to node:http, streaming its body as it comes. */
export async function sendResponse(response: Response, out: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
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
